"""Vectorised product proposals: which products, for which customers, by which rule.

Every rule yields (customer, product, rule, relevance, trigger) rows; products the customer
holds or is outside the target market of are dropped, and one row is kept per customer and
product: the event-driven one first, then the most relevant, carrying the highest relevance
of all its rules. The industry, size and growth rules are the gaps rule pack's
(``tools/gaps/rules.yaml``): one pack says what a customer needs, for both tools.
"""

from __future__ import annotations

import pandas as pd

from tools.catalogue.loader import Catalogue
from tools.gaps.pack import GapRulePack, MetricRule, SizeRule
from tools.nba.config import TriggerConfig
from tools.nba.growth import rule_fires
from tools.nba.reasons import rule_evidence, rule_reason

# The reason each growth metric of the gaps rule pack gives for a new cover.
GROWTH_TEMPLATES = {
    "headcount_growth_pct": "Headcount grew to {employees}: {product} for the larger team.",
    "revenue_growth_pct": "Revenue grew: {product} for the larger business.",
    "locations_added": "A new location adds {product} exposure.",
}
KEY_COVER_TEMPLATE = "{label} companies need {product}; it is not held."
STANDARD_COVER_TEMPLATE = "{product} is a standard cover of {label} peers; it is not held."
RULE_COLUMNS = [
    "customer_id",
    "product",
    "rule",
    "relevance",
    "trigger_kind",
    "evidence",
    "reason",
    "template",
]


def _explode(
    customers: pd.DataFrame,
    products: pd.Series,
    rule: str,
    relevance: float,
    trigger: str,
    reason: str,
) -> pd.DataFrame:
    # Evidence and reason are filled in after de-duplication (``fill_rule_text``): most rows
    # are dropped by then, and building text per row is the expensive part.
    frame = pd.DataFrame(
        {"customer_id": customers["customer_id"].to_numpy(), "product": products.to_numpy()}
    )
    frame = frame.explode("product").dropna(subset=["product"])
    frame["rule"], frame["relevance"], frame["trigger_kind"] = rule, relevance, trigger
    frame["evidence"], frame["reason"], frame["template"] = None, None, reason
    return frame.reindex(columns=RULE_COLUMNS)


def fill_rule_text(rows: pd.DataFrame, customers: pd.DataFrame) -> None:
    """Fill the evidence and reason of rule rows that carry only a reason template."""
    lazy = rows["evidence"].isna().to_numpy()
    firms = customers.set_index("customer_id")
    ids = rows.loc[lazy, "customer_id"]
    labels = ids.map(firms["label"]).to_numpy()
    employees = ids.map(firms["employees"]).to_numpy()
    subset = rows.loc[lazy]
    evidence = [
        rule_evidence(r, lb, e) for r, lb, e in zip(subset["rule"], labels, employees, strict=True)
    ]
    reasons = [
        rule_reason(t, p, lb, e)
        for t, p, lb, e in zip(
            subset["template"], subset["product"], labels, employees, strict=True
        )
    ]
    rows.loc[lazy, "evidence"] = pd.Series(evidence, index=subset.index, dtype=object)
    rows.loc[lazy, "reason"] = pd.Series(reasons, index=subset.index, dtype=object)


def size_template(rule: SizeRule) -> str:
    """Return the reason template of a standing size rule."""
    return rule.reason + "."


def threshold_rules(pack: GapRulePack) -> list[SizeRule]:
    """Return the size rules a rising headcount can cross (a lower bound, no held products)."""
    return [rule for rule in pack.size_rules if rule.employees_min > 1 and not rule.held_all]


def crossed_template(rule: SizeRule) -> str:
    """Return the reason template of a size threshold a rising headcount crossed."""
    return (
        f"Headcount crossed {rule.employees_min} (now {{employees}}): {{product}} becomes relevant."
    )


def growth_rule_relevance(
    rule: MetricRule, country: str, product: str, config: TriggerConfig, catalogue: Catalogue
) -> float:
    """Return a growth rule's relevance: stronger where the cover is statutory in the country."""
    if country in catalogue.products[product].mandatory_in:
        return config.relevance["growth_mandatory"]
    return config.growth_relevance[rule.metric]


def _holding_all(policies: pd.DataFrame, products: list[str]) -> set[str]:
    holders = [set(policies.loc[policies["product"] == code, "customer_id"]) for code in products]
    return set.intersection(*holders) if holders else set()


def _in_band(employees: pd.Series, rule: SizeRule) -> pd.Series:
    return (employees >= rule.employees_min) & (employees <= rule.employees_max)


def standing_rules(
    customers: pd.DataFrame,
    policies: pd.DataFrame,
    config: TriggerConfig,
    pack: GapRulePack,
    catalogue: Catalogue,
) -> list[pd.DataFrame]:
    """Return proposals from the customer's industry and size (no event needed).

    The industry key covers and the size rules are the gaps rule pack's, so a product the
    gaps tool calls a need is the product the next best action proposes.
    """
    rel = config.relevance
    industry = customers["industry_code"]
    standard = {code: ind.standard_covers for code, ind in catalogue.industries.items()}
    out = [
        _explode(
            customers,
            industry.map(pack.industry_key_covers),
            "industry_key_covers",
            rel["industry_rule"],
            "gap",
            KEY_COVER_TEMPLATE,
        ),
        _explode(
            customers,
            industry.map(standard),
            "standard_cover",
            rel["standard_cover"],
            "gap",
            STANDARD_COVER_TEMPLATE,
        ),
    ]
    for rule in pack.size_rules:
        fits = _in_band(customers["employees"], rule)
        if rule.held_all:
            fits &= customers["customer_id"].isin(_holding_all(policies, rule.held_all))
        fitting = customers[fits]
        out.append(
            _explode(
                fitting,
                _same(fitting, rule.products),
                rule.id,
                rel["size_rule"],
                "gap",
                size_template(rule),
            )
        )
    return out


def _same(frame: pd.DataFrame, products: list[str]) -> pd.Series:
    return pd.Series([products] * len(frame), index=frame.index, dtype=object)


def _metric_rows(
    grown: pd.DataFrame, rule: MetricRule, config: TriggerConfig, catalogue: Catalogue
) -> pd.DataFrame:
    fired = grown[rule_fires(grown, rule)]
    rows = _explode(
        fired,
        _same(fired, rule.products),
        rule.id,
        config.growth_relevance[rule.metric],
        "growth",
        GROWTH_TEMPLATES[rule.metric],
    )
    country = rows["customer_id"].map(fired.set_index("customer_id")["country"])
    rows["relevance"] = [
        growth_rule_relevance(rule, c, p, config, catalogue)
        for c, p in zip(country, rows["product"], strict=True)
    ]
    return rows


def growth_rules(
    customers: pd.DataFrame,
    growth: pd.DataFrame,
    config: TriggerConfig,
    pack: GapRulePack,
    catalogue: Catalogue,
) -> list[pd.DataFrame]:
    """Return proposals from the pack's growth rules and from a crossed size threshold.

    The growth rules (headcount growth, a new location) are the gaps rule pack's, read on
    the growth events of the trigger lookback.
    """
    grown = customers.join(growth, on="customer_id", how="inner")
    out = [_metric_rows(grown, rule, config, catalogue) for rule in pack.growth_rules]
    for rule in threshold_rules(pack):
        low, high = grown["headcount_from"], grown["headcount_to"]
        crossed = grown[(low < rule.employees_min) & _in_band(high, rule)]
        out.append(
            _explode(
                crossed,
                _same(crossed, rule.products),
                rule.id,
                config.relevance["size_rule"],
                "growth",
                crossed_template(rule),
            )
        )
    return out
