"""Decision orchestrator: ranking, arbitration under the contact policy, the why-not trace."""

from tools.decision.models import Arbitration, RankedAction, Suppression
from tools.decision.service import arbitrate

__all__ = ["Arbitration", "RankedAction", "Suppression", "arbitrate"]
