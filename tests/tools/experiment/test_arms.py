"""Strategy arms: stable, salted, and split in the configured shares."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from tools.experiment.arms import Experiment, arm_of

IDS = [f"C{n:06d}" for n in range(4000)]


def test_a_customer_keeps_their_arm() -> None:
    experiment = Experiment(control_share=0.2, challenger_share=0.3)
    assert [arm_of(c, experiment) for c in IDS[:50]] == [arm_of(c, experiment) for c in IDS[:50]]


def test_the_arms_take_their_shares_of_the_book() -> None:
    experiment = Experiment(control_share=0.2, challenger_share=0.3)
    arms = [arm_of(c, experiment) for c in IDS]
    assert arms.count("control") / len(IDS) == pytest.approx(0.2, abs=0.03)
    assert arms.count("challenger") / len(IDS) == pytest.approx(0.3, abs=0.03)


def test_no_shares_keep_everyone_on_the_champion() -> None:
    assert {arm_of(c, Experiment()) for c in IDS[:500]} == {"champion"}


def test_a_new_salt_reshuffles_the_split() -> None:
    first = Experiment(control_share=0.5, salt="a")
    second = Experiment(control_share=0.5, salt="b")
    moved = sum(arm_of(c, first) != arm_of(c, second) for c in IDS[:1000])
    assert 400 < moved < 600


def test_shares_that_leave_no_champion_are_refused() -> None:
    with pytest.raises(ValidationError, match="must stay below 1"):
        Experiment(control_share=0.6, challenger_share=0.4)
