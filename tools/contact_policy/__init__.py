"""The contact policy: how often and when a customer may get sales contact (versioned pack).

``pack.py`` loads ``contact_policy.yaml`` (caps, quiet days, the ranking and channel
parameters); ``status.py`` decides a customer's blocks (objection, care, claims, contact today,
the monthly cap) and holds the ``contact_policy`` tool.
"""

from tools.contact_policy.models import ContactPolicyStatus
from tools.contact_policy.pack import ContactPolicy, PolicyRule, load_contact_policy
from tools.contact_policy.status import contact_policy

__all__ = [
    "ContactPolicy",
    "ContactPolicyStatus",
    "PolicyRule",
    "contact_policy",
    "load_contact_policy",
]
