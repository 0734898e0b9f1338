"""Record an offer as presented, and list presented offers with their latest outcome."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from tools.experiment.arms import Arm
from tools.learning.models import OfferOutcome, PresentedOffer


class OfferCreate(BaseModel):
    """One product presented to a customer, with the versions and arm that produced it."""

    customer_id: str = Field(min_length=1, max_length=16, description="The customer.")
    contact_id: str | None = Field(None, max_length=64, description="The contact person's id.")
    advisor_id: str | None = Field(None, max_length=16, description="The advisor of the book.")
    approval_id: str | None = Field(None, max_length=64, description="The turn that drafted it.")
    book_offer_id: int | None = Field(None, description="The book's ``offers`` row, if any.")
    product_code: str = Field(min_length=1, max_length=32, description="Catalogue product code.")
    channel: str = Field(min_length=1, max_length=16, description="email, phone or portal.")
    trigger_type: str = Field(min_length=1, max_length=32, description="Trigger family.")
    urgency: str | None = Field(None, max_length=8, description="high, medium or low.")
    triggered_at: datetime | None = Field(None, description="When the trigger was detected.")
    presented_at: datetime = Field(description="When the offer went out.")
    model_version: str = Field(max_length=64, description="Propensity model version or 'rules'.")
    propensity: float | None = Field(
        None, ge=0, le=1, description="The purchase probability the offer was ranked on."
    )
    rule_pack_id: str = Field(max_length=64, description="Compliance rule pack id.")
    rule_pack_version: str = Field(max_length=32, description="Compliance rule pack version.")
    arm: Arm = Field(description="Strategy arm of the customer.")


class OfferPublic(OfferCreate):
    """A stored offer with its latest outcome."""

    model_config = ConfigDict(from_attributes=True)

    id: int = Field(description="Offer id, quoted by outcomes.")
    outcome: str | None = Field(None, description="The latest outcome, None while open.")


def record_offer(session: Session, offer: OfferCreate) -> PresentedOffer:
    """Store a presented offer and return the row (flushed, so it has its id)."""
    row = PresentedOffer(**offer.model_dump())
    session.add(row)
    session.flush()
    return row


def latest_outcomes(session: Session, offer_ids: list[int]) -> dict[int, str]:
    """Return each offer's latest outcome (by occurrence, then by recording order)."""
    rows = session.execute(
        select(OfferOutcome.offer_id, OfferOutcome.outcome)
        .where(OfferOutcome.offer_id.in_(offer_ids))
        .order_by(OfferOutcome.occurred_at, OfferOutcome.id)
    )
    return {offer_id: outcome for offer_id, outcome in rows}


def list_offers(
    session: Session,
    *,
    advisor_id: str | None = None,
    customer_id: str | None = None,
    limit: int = 100,
) -> list[OfferPublic]:
    """Return presented offers, newest first (one advisor's or customer's, or all)."""
    query = select(PresentedOffer).order_by(
        PresentedOffer.presented_at.desc(), PresentedOffer.id.desc()
    )
    if advisor_id is not None:
        query = query.where(PresentedOffer.advisor_id == advisor_id)
    if customer_id is not None:
        query = query.where(PresentedOffer.customer_id == customer_id)
    rows = list(session.scalars(query.limit(limit)))
    latest = latest_outcomes(session, [row.id for row in rows])
    return [
        OfferPublic.model_validate(row).model_copy(update={"outcome": latest.get(row.id)})
        for row in rows
    ]
