"""Uplift over control: the difference of proportions and its 95 % normal interval."""

from __future__ import annotations

import pytest

from tools.learning.uplift import uplift


def test_uplift_is_the_difference_of_the_rates() -> None:
    result = uplift((30, 100), (10, 100))
    assert result.uplift == pytest.approx(0.2)


def test_the_interval_is_the_wald_interval() -> None:
    result = uplift((30, 100), (10, 100))
    half = 1.96 * ((0.3 * 0.7 + 0.1 * 0.9) / 100) ** 0.5
    assert result.ci_low == pytest.approx(0.2 - half, abs=1e-3)
    assert result.ci_high == pytest.approx(0.2 + half, abs=1e-3)


def test_a_larger_sample_narrows_the_interval() -> None:
    small, large = uplift((30, 100), (10, 100)), uplift((300, 1000), (100, 1000))
    assert small.ci_low is not None and large.ci_low is not None
    assert large.ci_low > small.ci_low


def test_an_empty_control_gives_no_uplift() -> None:
    result = uplift((3, 10), (0, 0))
    assert result.uplift is None and result.ci_low is None
