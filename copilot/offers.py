"""Presented offers and their outcomes as a caller may see and record them.

Advisors read and record outcomes in their own book only; operations (the policy system's
user) and admins record for every book; compliance and admins read every book. Another
advisor's offer is answered as unknown, like another advisor's customer.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from copilot.access import WrongRole
from copilot.audit import append
from copilot.users import Actor
from tools.learning.models import PresentedOffer
from tools.learning.offers import OfferPublic, list_offers
from tools.learning.outcomes import OutcomeCreate, OutcomePublic, UnknownOffer, record_outcome

RECORDERS = ("advisor", "operations", "admin")
"""Roles that may record an outcome."""


def _book(actor: Actor) -> str | None:
    # The advisor's own book ("" for an advisor without one: nothing); None: every book.
    if actor.role != "advisor":
        return None
    return actor.advisor_id or ""


def offers_for(
    session: Session, actor: Actor, *, customer_id: str | None = None, limit: int = 100
) -> list[OfferPublic]:
    """Return the presented offers the caller may read, newest first."""
    return list_offers(session, advisor_id=_book(actor), customer_id=customer_id, limit=limit)


def record_outcome_as(
    session: Session, actor: Actor, outcome: OutcomeCreate, now: datetime
) -> tuple[OutcomePublic, bool]:
    """Record an outcome as the caller (audited when new); return it and whether it was new.

    Raises:
        WrongRole: compliance may not record outcomes.
        UnknownOffer: no such offer, or one of another advisor's book.
        InvalidInput: the outcome happened before the offer was presented.
    """
    if actor.role not in RECORDERS:
        raise WrongRole("record outcomes", RECORDERS)
    offer = session.get(PresentedOffer, outcome.offer_id)
    book = _book(actor)
    if offer is None or (book is not None and offer.advisor_id != book):
        raise UnknownOffer(outcome.offer_id)
    stored, created = record_outcome(
        session, outcome, source="api", recorded_by=actor.user_id, now=now
    )
    if created:
        detail = {"offer_id": outcome.offer_id, "outcome": outcome.outcome}
        append(session, actor, "outcome.record", "offer", str(outcome.offer_id), "", detail)
    return stored, created
