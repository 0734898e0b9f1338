"""Vectorised product proposals: which products, for which customers, by which rule.

Every rule yields (customer, product, rule, relevance, trigger) rows; products the customer
holds or is outside the target market of are dropped, and one row is kept per customer and
product: the event-driven one first, then the most relevant.
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd

from tools.catalogue.loader import Catalogue
from tools.nba.config import TriggerConfig
from tools.nba.frames import BookFrames

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


def standing_rules(
    customers: pd.DataFrame, config: TriggerConfig, catalogue: Catalogue
) -> list[pd.DataFrame]:
    """Return proposals from the customer's industry and size (no event needed)."""
    rel = config.relevance
    industry = customers["industry_code"]
    standard = {code: ind.standard_covers for code, ind in catalogue.industries.items()}
    out = [
        _explode(
            customers,
            industry.map(config.industry_rules),
            "industry_rule",
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
    for size in config.size_rules:
        big = customers[customers["employees"] >= size.min_employees]
        products = pd.Series([size.products] * len(big), index=big.index, dtype=object)
        out.append(
            _explode(
                big,
                products,
                "size_rule",
                rel["size_rule"],
                "gap",
                f"{{employees}} employees ({size.min_employees}+): {{product}} becomes relevant.",
            )
        )
    return out


def _same(frame: pd.DataFrame, products: list[str]) -> pd.Series:
    return pd.Series([products] * len(frame), index=frame.index, dtype=object)


def _hiring_rows(hired: pd.DataFrame, config: TriggerConfig, catalogue: Catalogue) -> pd.DataFrame:
    rel = config.relevance
    rows = _explode(
        hired,
        _same(hired, config.headcount_growth_products),
        "headcount_growth",
        rel["headcount_growth"],
        "growth",
        "Headcount grew to {employees}: {product} for the larger team.",
    )
    # Where the cover is statutory (e.g. workers' compensation in Norway) the need is stronger.
    country = rows["customer_id"].map(hired.set_index("customer_id")["country"])
    statutory = [
        c in catalogue.products[p].mandatory_in
        for c, p in zip(country, rows["product"], strict=True)
    ]
    rows.loc[statutory, "relevance"] = rel["headcount_growth_mandatory"]
    return rows


def growth_rules(
    customers: pd.DataFrame, growth: pd.DataFrame, config: TriggerConfig, catalogue: Catalogue
) -> list[pd.DataFrame]:
    """Return proposals from headcount growth, a new location and a crossed size threshold."""
    rel = config.relevance
    grown = customers.join(growth, on="customer_id", how="inner")
    hired, moved = grown[grown["headcount_jump"]], grown[grown["new_location"]]
    out = [_hiring_rows(hired, config, catalogue)] if len(hired) else []
    out.append(
        _explode(
            moved,
            _same(moved, config.new_location_products),
            "new_location",
            rel["new_location"],
            "growth",
            "A new location adds {product} exposure.",
        )
    )
    for size in config.size_rules:
        low, high = grown["headcount_from"], grown["headcount_to"]
        crossed = grown[(low < size.min_employees) & (high >= size.min_employees)]
        template = f"Headcount crossed {size.min_employees} (now {{employees}}): "
        out.append(
            _explode(
                crossed,
                _same(crossed, size.products),
                "size_rule",
                rel["size_rule"],
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
