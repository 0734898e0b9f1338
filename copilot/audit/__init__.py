"""An append-only, hash-chained audit log in the book database.

Every view of a customer, turn or draft, every decision, edit, rating, sign-in, user change
and rule-pack or model change is one entry: actor, role, time, action, subject and reason.
Each entry's hash covers its fields and the previous entry's hash, and a head row holds the
length and the last hash, so an altered, inserted or deleted entry (the last one included)
breaks the chain; ``verify_chain`` names the first broken entry.
"""

from copilot.audit.chain import AuditBroken, append, verify_chain
from copilot.audit.models import AuditEntry

__all__ = ["AuditBroken", "AuditEntry", "append", "verify_chain"]
