"""Limits reviews of held covers whose exposure grew, by the gaps pack's limit-review rules.

The gaps tool flags the same held covers as inadequate limits (``limit_review_rules`` of
``tools/gaps/rules.yaml``): revenue growth over 30% reviews the liability and financial
lines, headcount growth the people lines, a new location the property lines.
"""

from __future__ import annotations

import pandas as pd

from tools.gaps.pack import GapRulePack
from tools.nba.event_triggers import empty_candidates, rows_frame
from tools.nba.growth import describe_growth, rule_fires


def _fired(growth: pd.DataFrame, pack: GapRulePack) -> pd.DataFrame:
    parts = []
    for rule in pack.limit_review_rules:
        hit = growth.index[rule_fires(growth, rule)]
        part = pd.DataFrame(
            {
                "customer_id": hit,
                "product": [rule.products] * len(hit),
                "metric": rule.metric,
                "rule_id": rule.id,
            }
        )
        parts.append(part.explode("product"))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def limit_review_actions(
    policies: pd.DataFrame,
    growth: pd.DataFrame,
    pack: GapRulePack,
    due: pd.Series,
    urgency: pd.Series,
) -> pd.DataFrame:
    """Return one limits review per held product that a fired limit-review rule names.

    Args:
        policies: The policies in force (customer_id, product).
        growth: Rows of ``growth_signals``.
        pack: The gaps rule pack.
        due: Growth deadline per customer.
        urgency: Growth urgency per customer.
    """
    fired = _fired(growth, pack)
    if fired.empty:
        return empty_candidates()
    held = policies[["customer_id", "product"]].drop_duplicates()
    fired = fired.merge(held, on=["customer_id", "product"])
    if fired.empty:
        return empty_candidates()
    grouped = fired.groupby(["customer_id", "product"], sort=True).agg(
        metrics=("metric", list), rules=("rule_id", list)
    )
    customers = grouped.index.get_level_values("customer_id")
    products = grouped.index.get_level_values("product")
    described = [
        describe_growth(growth.loc[c], metrics)
        for c, metrics in zip(customers, grouped["metrics"], strict=True)
    ]
    return rows_frame(
        {
            "customer_id": customers.to_numpy(),
            "kind": "limits_review",
            "product": products.to_numpy(),
            "trigger_kind": "growth",
            "evidence": [
                e | {"product": p, "limit_review_rules": r}
                for (e, _), p, r in zip(described, products, grouped["rules"], strict=True)
            ],
            "reason": [
                f"{text}: review the {p} limits."
                for (_, text), p in zip(described, products, strict=True)
            ],
            "due_by": customers.map(due).to_numpy(),
            "urgency": customers.map(urgency).to_numpy(),
            "relevance": 100.0,
            "event_driven": True,
        }
    )
