"""Record what became of a presented offer: idempotent, validated, and kept in the book.

Outcomes: ``quote_requested``, ``accepted`` (bound), ``declined``, ``deferred``, and
``no_response`` (written by the system once an offer has waited N days with no outcome, N the
setting ``outcome_no_response_days``). Recording the same outcome of the same offer at the same
moment twice stores it once, so an API retry or a re-imported file changes nothing. A final
outcome (accepted, declined, deferred) also settles the book's ``offers`` row, which the
contact policy reads.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from tools.book.models import Offer
from tools.foundation.errors import InvalidInput, NotFound
from tools.learning.models import OfferOutcome, PresentedOffer

OutcomeKind = Literal["quote_requested", "accepted", "declined", "deferred", "no_response"]
OUTCOMES: tuple[str, ...] = ("quote_requested", "accepted", "declined", "deferred", "no_response")
CONVERTED = "accepted"
"""The outcome that counts as a conversion (the policy was bound)."""
BOOK_STATUS = {"accepted": "accepted", "declined": "declined", "deferred": "deferred"}
"""Outcomes that settle the book's offer row, and the status they give it."""
OutcomeSource = Literal["api", "import", "system"]
MAX_ID = 2**31 - 1
"""The largest offer id a database integer holds (a larger one names no offer)."""


class UnknownOffer(NotFound):
    """No presented offer has this id."""

    def __init__(self, offer_id: int) -> None:
        super().__init__(f"No presented offer {offer_id}; list them with GET /api/offers.")


class OutcomeCreate(BaseModel):
    """An outcome of one presented offer."""

    offer_id: int = Field(ge=1, le=MAX_ID, description="The presented offer's id.")
    outcome: OutcomeKind = Field(description="What the customer did.")
    occurred_at: datetime = Field(description="When it happened (UTC; an offset is converted).")

    @field_validator("occurred_at")
    @classmethod
    def _naive_utc(cls, value: datetime) -> datetime:
        # Stored times are naive UTC; an aware time is converted, never compared as is.
        return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


class OutcomePublic(OutcomeCreate):
    """A stored outcome."""

    model_config = ConfigDict(from_attributes=True)

    id: int = Field(description="Outcome id.")
    source: str = Field(description="api, import or system.")
    recorded_by: str = Field(description="Who recorded it.")


def check_outcome(offer: PresentedOffer, outcome: OutcomeCreate) -> None:
    """Refuse an outcome that cannot belong to the offer.

    Raises:
        InvalidInput: the outcome happened before the offer was presented.
    """
    if outcome.occurred_at < offer.presented_at:
        raise InvalidInput(
            f"Outcome at {outcome.occurred_at.isoformat()} is before offer {offer.id} was "
            f"presented ({offer.presented_at.isoformat()})."
        )


def record_outcome(
    session: Session,
    outcome: OutcomeCreate,
    *,
    source: OutcomeSource,
    recorded_by: str,
    now: datetime,
) -> tuple[OutcomePublic, bool]:
    """Store an outcome once; return it and whether it was new.

    Raises:
        UnknownOffer: no presented offer has the id.
        InvalidInput: the outcome happened before the offer was presented.
    """
    offer = session.get(PresentedOffer, outcome.offer_id)
    if offer is None:
        raise UnknownOffer(outcome.offer_id)
    check_outcome(offer, outcome)
    existing = session.scalar(
        select(OfferOutcome).where(
            OfferOutcome.offer_id == outcome.offer_id,
            OfferOutcome.outcome == outcome.outcome,
            OfferOutcome.occurred_at == outcome.occurred_at,
        )
    )
    if existing is not None:
        return OutcomePublic.model_validate(existing), False
    row = OfferOutcome(
        **outcome.model_dump(), source=source, recorded_by=recorded_by, recorded_at=now
    )
    session.add(row)
    _settle_book_offer(session, offer, outcome)
    session.flush()
    return OutcomePublic.model_validate(row), True


def _settle_book_offer(session: Session, offer: PresentedOffer, outcome: OutcomeCreate) -> None:
    status = BOOK_STATUS.get(outcome.outcome)
    if status is None or offer.book_offer_id is None:
        return
    book_offer = session.get(Offer, offer.book_offer_id)
    if book_offer is not None:  # the book may have been reloaded since
        book_offer.status, book_offer.decided_at = status, outcome.occurred_at


def mark_no_response(session: Session, now: datetime, days: int) -> int:
    """Give every offer still without an outcome after ``days`` days a ``no_response``.

    Returns:
        How many offers were marked.
    """
    cutoff = now - timedelta(days=days)
    answered = select(OfferOutcome.offer_id)
    waiting = session.scalars(
        select(PresentedOffer).where(
            PresentedOffer.presented_at <= cutoff, PresentedOffer.id.not_in(answered)
        )
    ).all()
    for offer in waiting:
        session.add(
            OfferOutcome(
                offer_id=offer.id,
                outcome="no_response",
                occurred_at=offer.presented_at + timedelta(days=days),
                source="system",
                recorded_by="system",
                recorded_at=now,
            )
        )
    session.flush()
    return len(waiting)
