"""The conversion report: per group, uplift over control, and response time against 48 h."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from tests.tools.learning.conftest import PRESENTED, OfferFactory
from tools.experiment.arms import Experiment
from tools.learning.conversion import UnknownDimension, conversion_report, parse_dimensions
from tools.learning.outcomes import OutcomeCreate, record_outcome


def _outcome(session: Session, offer_id: int, outcome: str) -> None:
    created = OutcomeCreate.model_validate(
        {"offer_id": offer_id, "outcome": outcome, "occurred_at": PRESENTED + timedelta(days=2)}
    )
    record_outcome(session, created, source="api", recorded_by="ops-1", now=PRESENTED)


def _book(session: Session, present: OfferFactory) -> None:
    # Champion: CYBER 2 of 4 accepted, DO 1 of 2; control: 1 of 4.
    for n, accepted in enumerate([True, True, False, False]):
        offer = present(customer_id=f"A{n}")
        _outcome(session, offer.id, "accepted" if accepted else "declined")
    for n, accepted in enumerate([True, False]):
        offer = present(customer_id=f"B{n}", product_code="DO", model_version="propensity-v2")
        _outcome(session, offer.id, "accepted" if accepted else "no_response")
    for n in range(4):
        offer = present(arm="control", customer_id=f"K{n}")
        if n == 0:
            _outcome(session, offer.id, "accepted")


def test_conversion_is_reported_per_group(learning_session: Session, present: OfferFactory) -> None:
    _book(learning_session, present)
    report = conversion_report(learning_session, ["product", "arm"], Experiment())
    rates = {tuple(r.group.values()): (r.conversions, r.offers) for r in report.rows}
    assert rates == {
        ("CYBER", "champion"): (2, 4),
        ("DO", "champion"): (1, 2),
        ("CYBER", "control"): (1, 4),
    }
    assert (report.total.conversions, report.total.offers) == (4, 10)


def test_response_time_counts_high_urgency_offers_within_48_hours(
    learning_session: Session, present: OfferFactory
) -> None:
    present(triggered_at=PRESENTED - timedelta(hours=10))
    present(triggered_at=PRESENTED - timedelta(hours=60))
    present(urgency="medium", triggered_at=PRESENTED - timedelta(hours=100))
    response = conversion_report(learning_session, [], Experiment()).response_time
    assert (response.target_hours, response.offers, response.within_target) == (48, 2, 1)


def test_dimensions_are_read_from_a_comma_list() -> None:
    assert parse_dimensions("product, arm,") == ["product", "arm"]
    with pytest.raises(UnknownDimension, match="colour"):
        parse_dimensions("product,colour")
