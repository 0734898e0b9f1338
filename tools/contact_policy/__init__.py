"""The contact policy: how often and when a customer may get sales contact (versioned pack).

``pack.py`` loads ``contact_policy.yaml`` (caps, quiet days, the ranking and channel
parameters); ``customer.py`` decides one customer's blocks (objection, care, claims, contact
today, the monthly cap) from its snapshot and ``status.py`` many customers' column-wise, for
the batch; ``service.py`` holds the ``contact_policy`` tool.
"""

from tools.contact_policy.customer import customer_policy_status
from tools.contact_policy.models import ContactPolicyStatus
from tools.contact_policy.pack import ContactPolicy, PolicyRule, load_contact_policy
from tools.contact_policy.service import contact_policy

__all__ = [
    "ContactPolicy",
    "ContactPolicyStatus",
    "PolicyRule",
    "contact_policy",
    "customer_policy_status",
    "load_contact_policy",
]
