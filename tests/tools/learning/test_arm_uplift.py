"""Uplift over control counts customers of each arm whose new policy starts in the window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tools.book.models import Customer, Policy
from tools.experiment.arms import Experiment, arm_of
from tools.foundation.settings import Settings
from tools.learning.arm_uplift import arm_counts, arm_uplift

SPLIT = Experiment(control_share=0.5, salt="test")
START, END = date(2026, 12, 1), date(2027, 2, 28)


def _policy(customer_id: str, start: date) -> Policy:
    return Policy(
        customer_id=customer_id,
        product_code="CYBER",
        status="active",
        annual_premium_eur=1500.0,
        limit_eur=1_000_000,
        deductible_eur=5_000,
        start_date=start,
        renewal_date=start.replace(year=start.year + 1),
    )


@pytest.fixture
def book(
    fresh_book: Callable[[int], tuple[Settings, Session]],
) -> tuple[Session, list[str], list[str]]:
    _, session = fresh_book(40)
    ids = sorted(session.scalars(select(Customer.id)))
    treated = [c for c in ids if arm_of(c, SPLIT) == "champion"]
    control = [c for c in ids if arm_of(c, SPLIT) == "control"]
    # Half the treated customers buy in the window, one control customer does, and one
    # control customer buys after the window (not counted).
    session.add_all(_policy(c, date(2026, 12, 15)) for c in treated[: len(treated) // 2])
    session.add_all([_policy(control[0], date(2027, 1, 5)), _policy(control[1], date(2027, 4, 1))])
    session.flush()
    return session, treated, control


def test_each_arm_counts_its_customers_who_bought_in_the_window(
    book: tuple[Session, list[str], list[str]],
) -> None:
    session, treated, control = book
    counts = arm_counts(session, SPLIT, START, END)
    assert counts["champion"] == (len(treated) // 2, len(treated))
    assert counts["control"] == (1, len(control))


def test_uplift_is_the_treated_rate_minus_the_control_rate(
    book: tuple[Session, list[str], list[str]],
) -> None:
    session, treated, control = book
    lift = arm_uplift(session, SPLIT, START, END)["champion"]
    expected = (len(treated) // 2) / len(treated) - 1 / len(control)
    assert lift.uplift == pytest.approx(expected)
    assert lift.ci_low is not None and lift.ci_low < expected
