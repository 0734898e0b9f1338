"""Growth reviews the limits of the held covers the gaps pack names, and no others."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy.orm import Session

from tools.book.models import BusinessEvent
from tools.foundation.settings import Settings
from tools.nba import ActionCandidate, next_best_actions

BERGEN = "S000005"  # holds GL and PROPERTY, 18 employees
Book = Callable[[int], tuple[Settings, Session]]


@pytest.fixture
def book(fresh_book: Book) -> Session:
    return fresh_book(5)[1]


def _grow(session: Session, as_of: date, kind: str, before: int, after: int) -> None:
    session.add(
        BusinessEvent(
            customer_id=BERGEN,
            event_type=kind,
            occurred_at=datetime.combine(as_of - timedelta(days=5), time(9)),
            payload={"from": before, "to": after},
        )
    )
    session.commit()


def _growth_actions(session: Session) -> list[ActionCandidate]:
    return [
        a for a in next_best_actions(session, BERGEN, models_dir=None) if a.trigger.kind == "growth"
    ]


def test_revenue_growth_reviews_gl_but_not_property(book: Session, as_of: date) -> None:
    _grow(book, as_of, "revenue_change", 2_600_000, 3_600_000)
    reviews = [a for a in _growth_actions(book) if a.kind == "limits_review"]
    assert [r.product for r in reviews] == ["GL"]
    assert reviews[0].trigger.evidence["limit_review_rules"] == ["revenue_growth_over_30"]


def test_headcount_growth_over_25_percent_reviews_gl_and_proposes_epl(
    book: Session, as_of: date
) -> None:
    _grow(book, as_of, "headcount_change", 18, 24)
    actions = {(a.kind, a.product) for a in _growth_actions(book)}
    assert {("limits_review", "GL"), ("cross_sell", "EPL")} <= actions
    assert ("limits_review", "PROPERTY") not in actions


def test_headcount_growth_below_the_seed_signal_opens_no_consultation(
    book: Session, as_of: date
) -> None:
    _grow(book, as_of, "headcount_change", 18, 24)
    assert "consultation" not in {a.kind for a in _growth_actions(book)}


def test_a_shrinking_headcount_reviews_nothing(book: Session, as_of: date) -> None:
    _grow(book, as_of, "headcount_change", 18, 12)
    assert _growth_actions(book) == []


def test_growth_reads_every_change_in_the_lookback(book: Session, as_of: date) -> None:
    # 18 -> 22 -> 28 employees: +56% over the lookback (tools.growth), though the latest
    # change alone is +27%.
    for days, (before, after) in ((40, (18, 22)), (5, (22, 28))):
        book.add(
            BusinessEvent(
                customer_id=BERGEN,
                event_type="headcount_change",
                occurred_at=datetime.combine(as_of - timedelta(days=days), time(9)),
                payload={"from": before, "to": after},
            )
        )
    book.commit()
    actions = {(a.kind, a.product): a for a in _growth_actions(book)}
    assert ("cross_sell", "WORKERS_COMP") in actions
    consult = actions[("consultation", None)]
    assert consult.trigger.evidence["employees_change_pct"] == 55.6
