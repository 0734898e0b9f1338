"""Ranking tiers: at renewal the needs a change created lead; elsewhere the score decides."""

from __future__ import annotations

import pandas as pd

from tools.contact_policy.pack import load_contact_policy
from tools.decision.ranking import need_tiers


def _candidates(kinds: list[tuple[str, str, float]], customer: str = "C1") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": customer,
            "kind": [k for k, _, _ in kinds],
            "trigger_kind": [t for _, t, _ in kinds],
            "relevance": [r for _, _, r in kinds],
        }
    )


def test_growth_need_at_renewal_is_tier_two() -> None:
    frame = _candidates(
        [
            ("renewal_review", "renewal", 100),
            ("cross_sell", "growth", 95),
            ("cross_sell", "gap", 95),
        ]
    )
    assert need_tiers(frame, load_contact_policy()).tolist() == [1, 2, 1]


def test_growth_need_without_a_renewal_stays_tier_one() -> None:
    frame = _candidates([("cross_sell", "growth", 78), ("cross_sell", "gap", 95)])
    assert need_tiers(frame, load_contact_policy()).tolist() == [1, 1]


def test_growth_below_the_need_threshold_is_not_promoted() -> None:
    frame = _candidates([("renewal_review", "renewal", 100), ("cross_sell", "growth", 60)])
    assert need_tiers(frame, load_contact_policy()).tolist() == [1, 0]


def test_another_customers_renewal_does_not_promote() -> None:
    renewing = _candidates([("renewal_review", "renewal", 100)], customer="C1")
    growing = _candidates([("cross_sell", "growth", 95)], customer="C2")
    frame = pd.concat([renewing, growing], ignore_index=True)
    assert need_tiers(frame, load_contact_policy()).tolist() == [1, 1]
