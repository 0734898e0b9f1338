"""The customer snapshot: what the book says about one customer as of ``now``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

from tools.snapshot.rows import ClaimRow, ContactRow, CustomerRow, EventRow, OfferRow, PolicyRow


def in_force(policy: PolicyRow, on: date) -> bool:
    """Return whether a policy is in force on a day (active, started, not ended)."""
    return (
        policy.status == "active"
        and policy.start_date <= on
        and (policy.end_date is None or policy.end_date > on)
    )


@dataclass(frozen=True)
class CustomerSnapshot:
    """One customer's rows as of ``now``; nothing dated after ``now`` is in it.

    Attributes:
        customer: The customer row.
        now: The decision moment (naive UTC).
        policies: Every policy started on or before ``now`` (any status), by start date.
        claims: Claims dated on or before ``now``, newest first.
        events: The customer's events up to ``now``, newest first.
        industry_events: Incidents in the customer's industry up to ``now``, newest first.
        offers: Offers presented in the last year up to ``now``.
        contacts: Contacts logged in the last year up to ``now``.
        book_revision: The book revision the snapshot was read at (for caches).
    """

    customer: CustomerRow
    now: datetime
    policies: tuple[PolicyRow, ...]
    claims: tuple[ClaimRow, ...]
    events: tuple[EventRow, ...]
    industry_events: tuple[EventRow, ...]
    offers: tuple[OfferRow, ...]
    contacts: tuple[ContactRow, ...]
    book_revision: int = 0

    @property
    def customer_id(self) -> str:
        """Return the customer's id."""
        return self.customer.id

    @cached_property
    def policies_in_force(self) -> tuple[PolicyRow, ...]:
        """Return the policies in force on the snapshot's day."""
        day = self.now.date()
        return tuple(p for p in self.policies if in_force(p, day))

    @cached_property
    def held_products(self) -> frozenset[str]:
        """Return the product codes of the policies in force."""
        return frozenset(p.product_code for p in self.policies_in_force)

    @property
    def open_claims(self) -> list[ClaimRow]:
        """Return the claims still open."""
        return [c for c in self.claims if c.status == "open"]
