import numpy as np
import pandas as pd
import pytest

from tools.churn.clv import ClvAssumptions, annuity_factor, clv_frame


def test_annuity_without_churn_or_discount_counts_every_year() -> None:
    a = ClvAssumptions(horizon_years=10, discount_rate=0.0)
    assert annuity_factor(np.array([1.0]), a)[0] == pytest.approx(10.0)


def test_certain_churn_keeps_only_the_first_year() -> None:
    a = ClvAssumptions(horizon_years=10, discount_rate=0.0)
    assert annuity_factor(np.array([0.0]), a)[0] == pytest.approx(1.0)


def _clv(theta: float, churn: float) -> float:
    idx = pd.Index(["c1"])
    frame = clv_frame(
        premiums=pd.DataFrame({"GL": [3000.0], "CYBER": [0.0]}, index=idx),
        theta=pd.DataFrame({"GL": [theta], "CYBER": [1.0]}, index=idx),
        churn=pd.Series([churn], index=idx),
        propensity=pd.DataFrame({"GL": [np.nan], "CYBER": [0.2]}, index=idx),
        typical_premium=pd.Series({"GL": 2850.0, "CYBER": 2200.0}),
    )
    return float(frame.loc["c1", "clv_eur"])


def test_higher_expected_claims_lower_the_clv() -> None:
    assert _clv(theta=1.5, churn=0.1) < _clv(theta=0.8, churn=0.1)


def test_higher_churn_lowers_the_clv() -> None:
    assert _clv(theta=1.0, churn=0.5) < _clv(theta=1.0, churn=0.05)
