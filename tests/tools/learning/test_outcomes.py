"""Outcomes: linked to their offer, stored once, and no response after N days."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.tools.learning.conftest import PRESENTED, OfferFactory
from tools.foundation.errors import InvalidInput
from tools.learning.models import OfferOutcome
from tools.learning.offers import list_offers
from tools.learning.outcomes import OutcomeCreate, UnknownOffer, mark_no_response, record_outcome

LATER = PRESENTED + timedelta(days=3)


def _record(session: Session, offer_id: int, outcome: str = "accepted", at: datetime = LATER):
    created = OutcomeCreate.model_validate(
        {"offer_id": offer_id, "outcome": outcome, "occurred_at": at}
    )
    return record_outcome(session, created, source="api", recorded_by="ops-1", now=LATER)


def test_an_outcome_links_back_to_its_offer(
    learning_session: Session, present: OfferFactory
) -> None:
    offer = present()
    _record(learning_session, offer.id, "quote_requested")
    _record(learning_session, offer.id, "accepted", LATER + timedelta(days=1))
    (listed,) = list_offers(learning_session)
    assert listed.id == offer.id and listed.outcome == "accepted"


def test_the_same_outcome_twice_is_stored_once(
    learning_session: Session, present: OfferFactory
) -> None:
    offer = present()
    first, created = _record(learning_session, offer.id)
    again, created_again = _record(learning_session, offer.id)
    count = learning_session.scalar(select(func.count()).select_from(OfferOutcome))
    assert (created, created_again, again.id, count) == (True, False, first.id, 1)


def test_an_outcome_of_an_unknown_offer_is_refused(learning_session: Session) -> None:
    with pytest.raises(UnknownOffer, match="No presented offer 99"):
        _record(learning_session, 99)


def test_an_outcome_before_the_offer_is_refused(
    learning_session: Session, present: OfferFactory
) -> None:
    offer = present()
    with pytest.raises(InvalidInput, match="before offer"):
        _record(learning_session, offer.id, at=PRESENTED - timedelta(hours=1))


def test_offers_left_unanswered_get_no_response_after_n_days(
    learning_session: Session, present: OfferFactory
) -> None:
    waiting, answered = present(), present(product_code="DO")
    recent = present(presented_at=PRESENTED + timedelta(days=25))
    _record(learning_session, answered.id, "declined")
    marked = mark_no_response(learning_session, PRESENTED + timedelta(days=30), days=14)
    outcomes = {o.id: o.outcome for o in list_offers(learning_session)}
    assert marked == 1
    assert outcomes == {waiting.id: "no_response", answered.id: "declined", recent.id: None}


def test_an_aware_time_is_stored_as_naive_utc() -> None:
    created = OutcomeCreate.model_validate(
        {"offer_id": 1, "outcome": "accepted", "occurred_at": "2026-11-04T11:00:00+02:00"}
    )
    assert created.occurred_at == datetime(2026, 11, 4, 9, 0)


def test_an_id_no_database_holds_is_refused() -> None:
    with pytest.raises(ValidationError):
        OutcomeCreate.model_validate(
            {"offer_id": 2**63, "outcome": "accepted", "occurred_at": "2026-11-04T09:00:00"}
        )
