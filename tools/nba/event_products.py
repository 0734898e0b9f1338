"""Vectorised product proposals from events: an industry incident, a quote request.

An incident of the customer's industry in the lookback calls for the cover it names
(``industry_incident.products`` of ``triggers.yaml``; the latest incident per cover counts);
a recent quote request for a catalogue product proposes the other parts of its bundles, and
the quoted product itself is not proposed again (it is already in the quote flow).
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd

from tools.catalogue.loader import Catalogue
from tools.nba.config import TriggerConfig
from tools.nba.product_rules import RULE_COLUMNS
from tools.nba.reasons import bundle_evidence, bundle_reason, incident_evidence, incident_reason
from tools.snapshot.frames import BookFrames

INCIDENT_RULE = "incident"
BUNDLE_RULE = "bundle_partner"


def bundle_partners(catalogue: Catalogue) -> dict[str, list[str]]:
    """Return, per product, the other products of every bundle it is part of (sorted)."""
    return {
        p: sorted(
            {q for b in catalogue.bundles.values() if p in b.products for q in b.products} - {p}
        )
        for p in catalogue.codes
    }


def quoted_code(payload: dict[str, object]) -> str:
    """Return the product code a quote request names (upper case; empty when none)."""
    return str(payload.get("product", "")).upper()


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
    recent = recent.dropna(subset=["product"]).sort_values("occurred_at", kind="stable")
    recent = recent.drop_duplicates(["industry", "product"], keep="last")
    hit = customers.merge(recent, left_on="industry_code", right_on="industry")
    hit["rule"], hit["relevance"], hit["trigger_kind"] = (
        INCIDENT_RULE,
        config.relevance["incident"],
        "industry_incident",
    )
    hit["evidence"] = [
        incident_evidence(k, i, t, p.get("headline", ""))
        for k, i, t, p in zip(
            hit["incident_kind"], hit["industry"], hit["occurred_at"], hit["payload"], strict=True
        )
    ]
    hit["reason"] = [
        incident_reason(k, lb, t, p)
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
            "quoted": [quoted_code(p) for p in quotes["payload"]],
        }
    )
    return asked[asked["quoted"].isin(catalogue.codes)].drop_duplicates()


def quote_rules(frames: BookFrames, config: TriggerConfig, catalogue: Catalogue) -> pd.DataFrame:
    """Return the bundle partners of the products in recent quote requests."""
    asked = quoted_products(frames, config, catalogue)
    partners = bundle_partners(catalogue)
    # The quoted product is already in the quote flow; the proposal is what completes it.
    asked["product"] = [partners[q] for q in asked["quoted"]]
    rows = asked.explode("product").dropna(subset=["product"])
    rows["rule"], rows["relevance"] = BUNDLE_RULE, config.relevance["bundle_partner"]
    rows["trigger_kind"] = "quote_request"
    rows["evidence"] = [
        bundle_evidence(q, r) for q, r in zip(rows["quoted"], rows["rule"], strict=True)
    ]
    rows["reason"] = [
        bundle_reason(q, p) for q, p in zip(rows["quoted"], rows["product"], strict=True)
    ]
    return rows.reindex(columns=RULE_COLUMNS)
