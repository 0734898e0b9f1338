"""``contact_policy``: may the customer get sales contact now, and what blocks it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from tools.book.clock import resolve_now
from tools.book.repository import resolve_customer
from tools.contact_policy.customer import customer_policy_status
from tools.contact_policy.models import ContactPolicyStatus
from tools.contact_policy.pack import load_contact_policy
from tools.snapshot import load_snapshot


def contact_policy(
    session: Session, customer_id: str, *, now: datetime | date | str | None = None
) -> ContactPolicyStatus:
    """Return whether the customer may get sales contact now, and what blocks it.

    Blocks (rule ids of contact_policy.yaml): objection, care_flag, open_claim,
    claim_within_30_days, contacted_today, monthly_cap_reached. Consent per channel is
    fail-closed: unknown counts as no.

    Args:
        session: Open session on the book.
        customer_id: Customer id or exact name.
        now: Decision moment; default the book's as-of date at 12:00.

    Raises:
        UnknownCustomer: no such customer.
        InvalidDate: ``now`` is not a valid date.
    """
    moment = resolve_now(session, now)
    customer = resolve_customer(session, customer_id)
    snapshot = load_snapshot(session, customer.id, moment)
    return customer_policy_status(snapshot, load_contact_policy())
