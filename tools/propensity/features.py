"""Customer features at a date, built column-wise from the book frames (no look-ahead).

Everything is measured on or before the feature date ``at``: holdings in force, claims and
events dated up to ``at``. Training uses a past snapshot date and labels from what happened
after it, so no feature sees the label period.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from tools.catalogue.loader import Catalogue
from tools.propensity.book_frames import BookFrames, active_at, holdings_matrix

CLAIM_YEARS = 3
EVENT_DAYS = 365
PORTAL_DAYS = 90
COMMON_NUMERIC = [
    "log_employees",
    "log_turnover",
    "company_age_years",
    "tenure_years",
    "early_tenure",
    "n_products",
    "log_premium",
    "claims_3y",
    "headcount_growth",
    "revenue_growth",
    "portal_logins_90d",
    "downloads_90d",
    "quote_requests_90d",
    "locations_added",
]
CATEGORICAL = ["industry", "country"]
EVENT_COUNTS = (
    ("portal_logins_90d", "portal_login"),
    ("downloads_90d", "document_download"),
    ("quote_requests_90d", "quote_request"),
)
PRODUCT_SPECIFIC = ["in_target", "standard_cover", "peer_rate", "affinity"]


def _window(frame: pd.DataFrame, column: str, at: date, days: int) -> pd.DataFrame:
    end = pd.Timestamp(at) + pd.Timedelta(days=1)
    begin = pd.Timestamp(at - timedelta(days=days))
    return frame[(frame[column] >= begin) & (frame[column] < end)]


def _growth(events: pd.DataFrame, kind: str) -> pd.Series:
    rows = events[events["event_type"] == kind]
    if rows.empty:
        return pd.Series(dtype=float)
    before = rows["payload"].map(lambda p: float(p.get("from") or 0))
    after = rows["payload"].map(lambda p: float(p.get("to") or 0))
    change = (after / before.where(before > 0)).sub(1.0).fillna(0.0)
    return change.groupby(rows["customer_id"]).max()


def _event_counts(events: pd.DataFrame, at: date) -> pd.DataFrame:
    recent = _window(events, "occurred_at", at, PORTAL_DAYS)
    year = _window(events, "occurred_at", at, EVENT_DAYS)
    counts = pd.crosstab(recent["customer_id"], recent["event_type"])
    out = pd.DataFrame(index=counts.index)
    for name, kind in EVENT_COUNTS:
        out[name] = counts.get(kind, 0)
    frame = out.join(
        pd.DataFrame(
            {
                "headcount_growth": _growth(year, "headcount_change"),
                "revenue_growth": _growth(year, "revenue_change"),
                "locations_added": year[year["event_type"] == "location_added"]
                .groupby("customer_id")
                .size(),
            }
        ),
        how="outer",
    )
    return frame.fillna(0.0)


def customer_features(frames: BookFrames, at: date, codes: list[str]) -> pd.DataFrame:
    """Return a row per customer in force on ``at``: profile, holdings, claims, events.

    Args:
        frames: The book frames.
        at: The feature date; nothing after it is used.
        codes: Product codes, for the ``own_<code>`` columns.

    Returns:
        DataFrame indexed by customer id with ``COMMON_NUMERIC``, ``CATEGORICAL`` and one
        ``own_<code>`` column per product.
    """
    holdings = holdings_matrix(frames.policies, at, codes)
    customers = frames.customers.loc[frames.customers.index.intersection(holdings.index)]
    when = pd.Timestamp(at)
    out = pd.DataFrame(index=customers.index)
    out["industry"] = customers["industry_code"].astype(str)
    out["country"] = customers["country"].astype(str)
    out["log_employees"] = np.log(customers["employees"].clip(lower=1).astype(float))
    out["log_turnover"] = np.log(customers["turnover_eur"].clip(lower=1).astype(float))
    out["company_age_years"] = (when - customers["founded"]).dt.days / 365.25
    since = customers["customer_since"].fillna(when)
    out["tenure_years"] = ((when - since).dt.days / 365.25).clip(lower=0)
    # The first renewals are when customers most often leave.
    out["early_tenure"] = (out["tenure_years"] < 2.0).astype(float)
    live = frames.policies[active_at(frames.policies, at)]
    out["n_products"] = holdings.sum(axis=1).reindex(out.index).astype(float)
    out["log_premium"] = np.log1p(live.groupby("customer_id")["annual_premium_eur"].sum())
    claims = _window(frames.claims, "claim_date", at, int(365.25 * CLAIM_YEARS))
    claims = claims[claims["status"] != "rejected"]
    out["claims_3y"] = claims.groupby("customer_id").size()
    out = out.join(_event_counts(frames.events, at))
    own = holdings.reindex(out.index).add_prefix("own_")
    return (
        out.join(own)
        .fillna({c: 0.0 for c in COMMON_NUMERIC})
        .astype({c: float for c in COMMON_NUMERIC})
    )


def _target_market(customers: pd.DataFrame, catalogue: Catalogue, code: str) -> pd.Series:
    market = catalogue.products[code].target_market
    industry_ok = customers["industry"].map(market.covers_industry)
    employees = np.exp(customers["log_employees"]).round()
    size_ok = employees.between(market.employees_min, market.employees_max)
    return (industry_ok & size_ok).astype(float)


def peer_counts_from(common: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    """Return per industry the number of customers (``_size``) and of holders of each product."""
    owns = common[[f"own_{c}" for c in codes]].groupby(common["industry"]).sum()
    owns.columns = codes
    owns["_size"] = common.groupby("industry").size()
    return owns


def product_features(
    common: pd.DataFrame, catalogue: Catalogue, code: str, peers: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Add the features specific to one product: target market, industry norms, peers, affinity.

    Args:
        common: Output of :func:`customer_features`.
        catalogue: The product catalogue (target markets, standard covers, affinity).
        code: The product to build features for.
        peers: Industry holder counts (:func:`peer_counts_from` of the whole book); default
            computed from ``common`` itself.

    Returns:
        A copy of ``common`` with ``PRODUCT_SPECIFIC`` columns added.
    """
    frame = common.copy()
    frame["in_target"] = _target_market(frame, catalogue, code)
    standard = {k: code in ind.standard_covers for k, ind in catalogue.industries.items()}
    frame["standard_cover"] = frame["industry"].map(standard).fillna(False).astype(float)
    owns = frame[f"own_{code}"]
    # Peer rate: share of same-industry customers holding the product, excluding oneself.
    peers = peer_counts_from(common, catalogue.codes) if peers is None else peers
    total = frame["industry"].map(peers[code]).fillna(0.0)
    size = frame["industry"].map(peers["_size"]).fillna(1.0)
    frame["peer_rate"] = ((total - owns) / (size - 1).clip(lower=1)).astype(float)
    others = [c for c in catalogue.codes if c != code]
    weights = np.array([catalogue.affinity.get(o, {}).get(code, 0.0) for o in others])
    held = frame[[f"own_{o}" for o in others]].to_numpy()
    frame["affinity"] = (held * weights[None, :]).max(axis=1)
    return frame


def model_columns(codes: list[str]) -> list[str]:
    """Return the input columns of every per-product model, in order."""
    return [*COMMON_NUMERIC, *CATEGORICAL, *[f"own_{c}" for c in codes], *PRODUCT_SPECIFIC]
