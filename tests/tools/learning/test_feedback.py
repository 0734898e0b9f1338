"""Settled offers and advisors' ratings become weighted training rows, by the documented rules."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from copilot.ratings.reason_codes import RATING_REASON_CODES
from tests.tools.learning.conftest import PRESENTED, OfferFactory
from tools.learning.feedback import (
    ABOUT_FIT,
    CONFIRMED_WEIGHT,
    NEUTRAL,
    NOT_ABOUT_FIT,
    load_feedback,
)
from tools.learning.outcomes import OutcomeCreate, record_outcome
from tools.learning.ratings_table import RatingRecord

LATER = PRESENTED + timedelta(days=30)


def _outcome(session: Session, offer_id: int, outcome: str, days: int = 3) -> None:
    at = PRESENTED + timedelta(days=days)
    created = OutcomeCreate.model_validate(
        {"offer_id": offer_id, "outcome": outcome, "occurred_at": at}
    )
    record_outcome(session, created, source="api", recorded_by="u-test", now=at)


def _rate(
    session: Session,
    score: int,
    reasons: list[str],
    customer: str = "C000001",
    product: str = "CYBER",
    at: datetime = PRESENTED,
) -> None:
    session.add(
        RatingRecord(
            user_id="u-adv",
            advisor_id="ADV-001",
            customer_id=customer,
            subject_type="recommendation",
            subject_id=f"{customer}:cross_sell:{product}",
            product=product,
            score=score,
            reason_codes=reasons,
            reason_codes_version="2026.12.1",
            comment="",
            rated_at=at,
        )
    )
    session.flush()


def test_every_reason_code_has_exactly_one_training_meaning() -> None:
    groups = [NOT_ABOUT_FIT, ABOUT_FIT, NEUTRAL]
    for code in RATING_REASON_CODES:
        assert sum(code in group for group in groups) == 1, code
    assert set().union(*groups) == set(RATING_REASON_CODES)


def test_settled_offers_are_labelled_and_open_ones_left_out(
    learning_session: Session, present: OfferFactory
) -> None:
    outcomes = ["accepted", "declined", "no_response", "deferred", "quote_requested"]
    for i, outcome in enumerate(outcomes):
        offer = present(customer_id=f"C00000{i + 1}")
        _outcome(learning_session, offer.id, outcome)
    feedback = load_feedback(learning_session, LATER)
    labels = dict(zip(feedback.rows["customer_id"], feedback.rows["label"], strict=True))
    assert labels == {"C000001": 1, "C000002": 0, "C000003": 0}
    assert feedback.counts["settled_offers"] == 3 and feedback.counts["accepted"] == 1


def test_an_acceptance_after_no_response_counts_once_as_accepted(
    learning_session: Session, present: OfferFactory
) -> None:
    offer = present()
    _outcome(learning_session, offer.id, "no_response", days=15)
    _outcome(learning_session, offer.id, "accepted", days=20)
    feedback = load_feedback(learning_session, LATER)
    assert feedback.rows["label"].tolist() == [1]


def test_nothing_after_the_training_moment_is_read(
    learning_session: Session, present: OfferFactory
) -> None:
    offer = present()
    _outcome(learning_session, offer.id, "declined", days=10)
    assert load_feedback(learning_session, PRESENTED + timedelta(days=5)).empty
    assert not load_feedback(learning_session, LATER).empty


def test_a_no_rated_wrong_timing_is_excluded_but_an_acceptance_is_kept(
    learning_session: Session, present: OfferFactory
) -> None:
    declined, accepted = present(), present(customer_id="C000002")
    _outcome(learning_session, declined.id, "declined")
    _outcome(learning_session, accepted.id, "accepted")
    _rate(learning_session, 2, ["wrong_timing"])
    _rate(learning_session, 2, ["wrong_timing"], customer="C000002")
    feedback = load_feedback(learning_session, LATER)
    assert feedback.rows["customer_id"].tolist() == ["C000002"]
    assert feedback.counts["excluded_not_about_fit"] == 1


def test_a_low_fit_rating_confirms_a_negative_twice_over(
    learning_session: Session, present: OfferFactory
) -> None:
    offer = present()
    _outcome(learning_session, offer.id, "declined")
    _rate(learning_session, 1, ["not_relevant"])
    feedback = load_feedback(learning_session, LATER)
    assert feedback.rows["weight"].tolist() == [CONFIRMED_WEIGHT]
    assert feedback.counts["confirmed_negatives"] == 1
    assert feedback.summary()["ratings_by_reason"] == {"not_relevant": 1}


def test_a_high_score_or_a_neutral_reason_changes_nothing(
    learning_session: Session, present: OfferFactory
) -> None:
    offer = present()
    _outcome(learning_session, offer.id, "declined")
    _rate(learning_session, 4, ["not_relevant"])
    _rate(learning_session, 1, ["clv_too_high"], customer="C000009")
    feedback = load_feedback(learning_session, LATER)
    assert feedback.rows[["customer_id", "weight"]].values.tolist() == [["C000001", 1.0]]


def test_a_low_fit_rating_of_an_unpresented_recommendation_is_a_negative(
    learning_session: Session,
) -> None:
    _rate(learning_session, 2, ["wrong_product"], customer="C000004", product="GL")
    feedback = load_feedback(learning_session, LATER)
    row = feedback.rows.iloc[0]
    assert (row["customer_id"], row["product"], row["label"], row["source"]) == (
        "C000004",
        "GL",
        0,
        "rating",
    )


def test_a_rating_long_before_the_offer_does_not_belong_to_it(
    learning_session: Session, present: OfferFactory
) -> None:
    offer = present()
    _outcome(learning_session, offer.id, "declined")
    _rate(learning_session, 2, ["wrong_timing"], at=PRESENTED - timedelta(days=200))
    feedback = load_feedback(learning_session, LATER)
    assert feedback.rows["label"].tolist() == [0]
    assert "offers_with_rating" not in feedback.counts
