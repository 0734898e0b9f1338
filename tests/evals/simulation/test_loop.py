"""The simulator on a small book: it measures offers, conversion and uplift, reproducibly."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import spearmanr

from evals.simulation.loop import responsiveness, simulate
from evals.simulation.models import SimulationResult, SimulationSpec
from tools.catalogue.loader import load_catalogue

SPEC = SimulationSpec(customers=300, seed=5)


@pytest.fixture(scope="module")
def result() -> SimulationResult:
    return simulate(SPEC)


def test_every_treated_customer_gets_an_offer(result: SimulationResult) -> None:
    assert 0 < result.offers < result.customers
    assert result.offers + result.control_customers <= result.customers


def test_the_retraining_learns_from_outcomes_and_ratings(result: SimulationResult) -> None:
    assert result.outcomes_learned > 0 and result.ratings_used > 0
    assert 0.0 < result.conversion_before < 1.0 and 0.0 < result.conversion_after < 1.0
    assert max(result.expected_before, result.expected_after) <= result.oracle_expected


def test_the_learned_offsets_follow_the_products_hidden_response(
    result: SimulationResult,
) -> None:
    # The offsets are fitted on outcomes only; the responsiveness is never shown to the model.
    codes = load_catalogue().codes
    hidden = np.log(responsiveness(SPEC, codes)[list(result.offsets)])
    learned = [result.offsets[code] for code in hidden.index]
    assert spearmanr(hidden.to_numpy(), learned).statistic > 0.5


def test_the_uplift_interval_contains_the_uplift(result: SimulationResult) -> None:
    assert result.uplift is not None and result.uplift_ci_low is not None
    assert result.uplift_ci_low < result.uplift < (result.uplift_ci_high or 0)
    assert result.uplift == pytest.approx(result.treated_conversion - result.control_conversion)


def test_without_an_outreach_effect_control_converts_like_the_treated() -> None:
    # Planted: with organic_share 1 the control customers buy as if offered, so the measured
    # uplift must shrink towards 0 (its interval covers 0).
    same = simulate(SPEC.model_copy(update={"organic_share": 1.0, "response_spread": 0.0}))
    assert same.uplift_ci_low is not None and same.uplift_ci_high is not None
    assert same.uplift_ci_low < 0 < same.uplift_ci_high


def test_the_same_seed_gives_the_same_figures(result: SimulationResult) -> None:
    assert simulate(SPEC) == result


def test_the_retraining_gain_is_the_drawn_difference_with_its_interval(
    result: SimulationResult,
) -> None:
    gain = result.retraining_gain
    assert gain == pytest.approx(result.conversion_after - result.conversion_before)
    assert result.retraining_gain_ci_low is not None and result.retraining_gain_ci_high is not None
    assert result.retraining_gain_ci_low < gain < result.retraining_gain_ci_high
