"""Decision orchestrator: ranking, contact policy and the why-not trace."""

from tools.decision.models import Arbitration, ContactPolicyStatus, RankedAction, Suppression
from tools.decision.policy import contact_policy
from tools.decision.service import arbitrate

__all__ = [
    "Arbitration",
    "ContactPolicyStatus",
    "RankedAction",
    "Suppression",
    "arbitrate",
    "contact_policy",
]
