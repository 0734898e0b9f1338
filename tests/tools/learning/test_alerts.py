"""Alerts: a product converting below the rate that justified it, a model's scores drifting."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from tests.tools.learning.conftest import OfferFactory
from tools.learning.alerts import AlertRules, check_alerts, list_alerts
from tools.learning.outcomes import OutcomeCreate, record_outcome

NOW = datetime(2026, 12, 31, 12, 0)
RULES = AlertRules(window_days=30, min_offers=20, psi_threshold=0.25)


def _offers(
    session: Session, present: OfferFactory, n: int, won: int, propensity: float, **fields: object
) -> None:
    for i in range(n):
        at = NOW - timedelta(days=10, hours=i)
        offer = present(presented_at=at, triggered_at=None, propensity=propensity, **fields)
        outcome = "accepted" if i < won else "declined"
        created = OutcomeCreate.model_validate(
            {"offer_id": offer.id, "outcome": outcome, "occurred_at": at + timedelta(days=1)}
        )
        record_outcome(session, created, source="api", recorded_by="ops-1", now=NOW)


def test_a_product_converting_far_below_its_propensity_alerts(
    learning_session: Session, present: OfferFactory
) -> None:
    _offers(learning_session, present, 40, 2, 0.40)  # 5 % against 40 %
    _offers(learning_session, present, 40, 14, 0.35, product_code="DO")  # 35 % as ranked
    raised = check_alerts(learning_session, NOW, RULES)
    assert [(a.kind, a.subject) for a in raised] == [("conversion_below_priority", "CYBER")]
    assert raised[0].value == pytest.approx(0.05) and raised[0].threshold == pytest.approx(0.40)


def test_too_few_settled_offers_do_not_alert(
    learning_session: Session, present: OfferFactory
) -> None:
    _offers(learning_session, present, 10, 0, 0.40)
    assert check_alerts(learning_session, NOW, RULES) == []


def test_an_alert_is_stored_once_per_window(
    learning_session: Session, present: OfferFactory
) -> None:
    _offers(learning_session, present, 40, 2, 0.40)
    check_alerts(learning_session, NOW, RULES)
    assert check_alerts(learning_session, NOW, RULES) == []
    assert len(list_alerts(learning_session)) == 1


def test_scores_that_moved_since_the_version_began_alert_as_drift(
    learning_session: Session, present: OfferFactory
) -> None:
    for i in range(40):  # the version's first month: low scores
        present(presented_at=NOW - timedelta(days=90, hours=i), propensity=0.05 + i / 1000)
    for i in range(40):  # this month: high scores
        present(presented_at=NOW - timedelta(days=5, hours=i), propensity=0.5 + i / 1000)
    kinds = {(a.kind, a.subject) for a in check_alerts(learning_session, NOW, RULES)}
    assert ("score_drift", "propensity-v1") in kinds
