"""Decision orchestrator: ranking, arbitration under the contact policy, the why-not trace.

``arbitrate_customer`` decides one customer from its snapshot in plain Python (a turn, the
``arbitrate`` tool); ``book.decide_frames`` decides many customers column-wise (the batch).
"""

from tools.decision.customer_arbitration import ForeignCandidate, arbitrate_customer
from tools.decision.models import Arbitration, RankedAction, Suppression
from tools.decision.service import arbitrate

__all__ = [
    "Arbitration",
    "ForeignCandidate",
    "RankedAction",
    "Suppression",
    "arbitrate",
    "arbitrate_customer",
]
