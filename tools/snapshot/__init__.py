"""One customer's book rows as of a moment, read once per turn and shared by every tool.

``load_snapshot`` reads the customer, its policies, claims, events, the incidents of its
industry, recent offers and contacts with a handful of indexed queries; the tools derive their
facts from the snapshot without further I/O, so a turn resolves the customer once and reads
the book once, whatever the book's size.
"""

from tools.snapshot.load import load_snapshot
from tools.snapshot.rows import ClaimRow, ContactRow, CustomerRow, EventRow, OfferRow, PolicyRow
from tools.snapshot.snapshot import CustomerSnapshot, in_force

__all__ = [
    "ClaimRow",
    "ContactRow",
    "CustomerRow",
    "CustomerSnapshot",
    "EventRow",
    "OfferRow",
    "PolicyRow",
    "in_force",
    "load_snapshot",
]
