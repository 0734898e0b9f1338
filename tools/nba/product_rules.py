"""Vectorised product proposals: which products, for which customers, by which rule.

Every rule yields (customer, product, rule, relevance, trigger) rows; products the customer
holds or is outside the target market of are dropped, and one row is kept per customer and
product: the event-driven one first, then the most relevant, carrying the highest relevance
of all its rules. The industry, size and growth rules are the gaps rule pack's
(``tools/gaps/rules.yaml``): one pack says what a customer needs, for both tools.
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd

from tools.catalogue.loader import Catalogue
from tools.gaps.pack import GapRulePack, MetricRule, SizeRule
from tools.nba.config import TriggerConfig
from tools.nba.growth import rule_fires
from tools.snapshot.frames import BookFrames

# The reason each growth metric of the gaps rule pack gives for a new cover.
GROWTH_TEMPLATES = {
    "headcount_growth_pct": "Headcount grew to {employees}: {product} for the larger team.",
    "revenue_growth_pct": "Revenue grew: {product} for the larger business.",
    "locations_added": "A new location adds {product} exposure.",
}
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
        {"rule": r, "industry": lb, "employees": int(e)}
        for r, lb, e in zip(subset["rule"], labels, employees, strict=True)
    ]
    reasons = [
        t.format(product=p, label=lb, employees=int(e))
        for t, p, lb, e in zip(
            subset["template"], subset["product"], labels, employees, strict=True
        )
    ]
    rows.loc[lazy, "evidence"] = pd.Series(evidence, index=subset.index, dtype=object)
    rows.loc[lazy, "reason"] = pd.Series(reasons, index=subset.index, dtype=object)


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
            "{label} companies need {product}; it is not held.",
        ),
        _explode(
            customers,
            industry.map(standard),
            "standard_cover",
            rel["standard_cover"],
            "gap",
            "{product} is a standard cover of {label} peers; it is not held.",
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
                rule.reason + ".",
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
    # Where the cover is statutory (e.g. workers' compensation in Norway) the need is stronger.
    country = rows["customer_id"].map(fired.set_index("customer_id")["country"])
    statutory = [
        c in catalogue.products[p].mandatory_in
        for c, p in zip(country, rows["product"], strict=True)
    ]
    rows.loc[statutory, "relevance"] = config.relevance["growth_mandatory"]
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
    for rule in pack.size_rules:
        if rule.employees_min <= 1 or rule.held_all:
            continue  # only a rising headcount crossing a lower bound is an event
        low, high = grown["headcount_from"], grown["headcount_to"]
        crossed = grown[(low < rule.employees_min) & _in_band(high, rule)]
        template = f"Headcount crossed {rule.employees_min} (now {{employees}}): "
        out.append(
            _explode(
                crossed,
                _same(crossed, rule.products),
                rule.id,
                config.relevance["size_rule"],
                "growth",
                template + "{product} becomes relevant.",
            )
        )
    return out


def incident_rules(
    frames: BookFrames, customers: pd.DataFrame, config: TriggerConfig
) -> pd.DataFrame:
    """Return outreach proposals for customers in an industry hit by a recent incident."""
    rules = config.industry_incident
    incidents = frames.incidents
    recent = incidents[
        incidents["occurred_at"] >= pd.Timestamp(frames.now) - timedelta(days=rules.lookback_days)
    ].copy()
    recent["product"] = recent["incident_kind"].map(rules.products)
    recent = recent.dropna(subset=["product"]).sort_values("occurred_at")
    recent = recent.drop_duplicates(["industry", "product"], keep="last")
    hit = customers.merge(recent, left_on="industry_code", right_on="industry")
    hit["rule"], hit["relevance"], hit["trigger_kind"] = (
        "incident",
        config.relevance["incident"],
        "industry_incident",
    )
    hit["evidence"] = [
        {
            "incident": k,
            "industry": i,
            "occurred_at": t.isoformat(),
            "headline": p.get("headline", ""),
        }
        for k, i, t, p in zip(
            hit["incident_kind"], hit["industry"], hit["occurred_at"], hit["payload"], strict=True
        )
    ]
    hit["reason"] = [
        f"A {k} incident hit the {lb} sector on {t.date().isoformat()}; {p} is not held."
        for k, lb, t, p in zip(
            hit["incident_kind"], hit["label"], hit["occurred_at"], hit["product"], strict=True
        )
    ]
    return hit.reindex(columns=RULE_COLUMNS)


def quoted_products(
    frames: BookFrames, config: TriggerConfig, catalogue: Catalogue
) -> pd.DataFrame:
    """Return (customer_id, quoted) pairs of recent quote requests for catalogue products."""
    start = pd.Timestamp(frames.now) - timedelta(days=config.quote_request.lookback_days)
    events = frames.events
    quotes = events[(events["event_type"] == "quote_request") & (events["occurred_at"] >= start)]
    asked = pd.DataFrame(
        {
            "customer_id": quotes["customer_id"].to_numpy(),
            "quoted": [str(p.get("product", "")).upper() for p in quotes["payload"]],
        }
    )
    return asked[asked["quoted"].isin(catalogue.codes)].drop_duplicates()


def quote_rules(
    frames: BookFrames, customers: pd.DataFrame, config: TriggerConfig, catalogue: Catalogue
) -> pd.DataFrame:
    """Return the bundle partners of the products in recent quote requests."""
    asked = quoted_products(frames, config, catalogue)
    partners = {
        p: sorted(
            {q for b in catalogue.bundles.values() if p in b.products for q in b.products} - {p}
        )
        for p in catalogue.codes
    }
    # The quoted product is already in the quote flow; the proposal is what completes it.
    asked["product"] = [partners[q] for q in asked["quoted"]]
    rows = asked.explode("product").dropna(subset=["product"])
    rows["rule"], rows["relevance"] = "bundle_partner", config.relevance["bundle_partner"]
    rows["trigger_kind"] = "quote_request"
    rows["evidence"] = [
        {"quote_requested": q, "rule": r} for q, r in zip(rows["quoted"], rows["rule"], strict=True)
    ]
    rows["reason"] = [
        f"Quote requested for {q}; {p} completes the bundle at a discount."
        for q, p in zip(rows["quoted"], rows["product"], strict=True)
    ]
    return rows.reindex(columns=RULE_COLUMNS)
