"""The coverage-gap rule pack (``tools/gaps/rules.yaml``) evaluated column-wise for a book.

Same rules and data as ``coverage_gaps``: the industry's key and standard covers, statutory
covers of the country, headcount rules, growth rules over the trend window, the peer
benchmark (the gaps package's own GROUP BY peer tables) and, for held covers, limit reviews
after growth or against the peers' average limit. Returns which (customer, product) pairs
are gaps; ``coverage_gaps`` adds the wording and ranking for one customer.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from tools.book.models import BusinessEvent, Policy
from tools.catalogue.loader import Catalogue
from tools.gaps.pack import GapRulePack, MetricRule
from tools.gaps.peers import PeerTables, peer_tables
from tools.nba.frames import BookFrames

TREND_KEYS = {
    "headcount_change": ("from", "to", "headcount_growth_pct"),
    "revenue_change": ("from", "to", "revenue_growth_pct"),
    "location_added": ("locations_from", "locations_to", "locations_added"),
}


def growth_metrics(
    session: Session, ids: pd.Index, now: datetime, window_days: int
) -> pd.DataFrame:
    """Return per customer the three growth metrics of the trend window (first to last change).

    Growth percentages are rounded to one decimal, as the single-customer trend reader does;
    ``locations_added`` is the number of sites added. NaN where nothing was recorded.
    """
    window = and_(
        BusinessEvent.event_type.in_(list(TREND_KEYS)),
        BusinessEvent.occurred_at >= now - timedelta(days=window_days),
        BusinessEvent.occurred_at <= now,
        BusinessEvent.customer_id.in_(list(ids)),
    )
    rows = session.execute(
        select(
            BusinessEvent.customer_id,
            BusinessEvent.event_type,
            BusinessEvent.occurred_at,
            BusinessEvent.payload,
        )
        .where(window)
        .order_by(BusinessEvent.occurred_at)
    ).all()
    out = pd.DataFrame(index=ids, columns=[m for *_, m in TREND_KEYS.values()], dtype=float)
    events = pd.DataFrame(rows, columns=["customer_id", "kind", "at", "payload"])
    for kind, (low, high, metric) in TREND_KEYS.items():
        part = events[events["kind"] == kind]
        part = part.assign(
            low=[p.get(low) for p in part["payload"]], high=[p.get(high) for p in part["payload"]]
        ).dropna(subset=["low", "high"])
        first = part.groupby("customer_id")["low"].first().astype(float)
        last = part.groupby("customer_id")["high"].last().astype(float)
        if metric == "locations_added":
            out.loc[first.index, metric] = last - first
        else:
            pct = (100.0 * (last - first) / first.where(first != 0)).fillna(0.0).round(1)
            out.loc[first.index, metric] = pct
    return out


def _in_force(session: Session, ids: pd.Index, now: datetime) -> pd.DataFrame:
    day = now.date()
    live = and_(
        Policy.status == "active",
        Policy.start_date <= day,
        (Policy.end_date.is_(None)) | (Policy.end_date > day),
        Policy.customer_id.in_(list(ids)),
    )
    rows = session.execute(
        select(Policy.customer_id, Policy.product_code, Policy.limit_eur).where(live)
    ).all()
    return pd.DataFrame(rows, columns=["customer_id", "product", "limit_eur"])


def _metric_fires(rules: list[MetricRule], metrics: pd.DataFrame, code: str) -> np.ndarray:
    fired = np.zeros(len(metrics), dtype=bool)
    for rule in rules:
        if code in rule.products:
            fired |= (metrics[rule.metric] > rule.above).fillna(False).to_numpy(dtype=bool)
    return fired


def gap_matrix(
    session: Session, frames: BookFrames, catalogue: Catalogue, pack: GapRulePack
) -> pd.DataFrame:
    """Return a customers x products bool frame: True where ``coverage_gaps`` lists a gap."""
    firms = frames.customers.set_index("customer_id")
    ids = firms.index
    policies = _in_force(session, ids, frames.now)
    held = (
        pd.crosstab(policies["customer_id"], policies["product"]).reindex(
            index=ids, columns=catalogue.codes, fill_value=0
        )
        > 0
    )
    limits = policies.groupby(["customer_id", "product"])["limit_eur"].max()
    metrics = growth_metrics(session, ids, frames.now, pack.trend_window_days)
    tables = peer_tables(session, frames.now.date())
    bands = firms["employees"].map(catalogue.size_band)
    gaps = pd.DataFrame(False, index=ids, columns=catalogue.codes)
    for code in catalogue.codes:
        gaps[code] = _missing(code, firms, bands, held, metrics, tables, catalogue, pack) | (
            _review(code, firms, bands, held, limits, metrics, tables, pack)
        )
    return gaps


def _missing(
    code: str,
    firms: pd.DataFrame,
    bands: pd.Series,
    held: pd.DataFrame,
    metrics: pd.DataFrame,
    tables: PeerTables,
    catalogue: Catalogue,
    pack: GapRulePack,
) -> np.ndarray:
    product = catalogue.products[code]
    market = product.target_market
    industry = firms["industry_code"]
    in_market = (
        firms["employees"].between(market.employees_min, market.employees_max)
        & firms["turnover_eur"].between(market.turnover_min_eur, market.turnover_max_eur)
    ).to_numpy(copy=True)
    if "*" not in market.industries:
        in_market &= industry.isin(market.industries).to_numpy()
    standard = {c for c, i in catalogue.industries.items() if code in i.standard_covers}
    key = {c for c, covers in pack.industry_key_covers.items() if code in covers}
    expected = (
        industry.isin(standard | key) | firms["country"].isin(product.mandatory_in)
    ).to_numpy(copy=True)
    held_set = held.to_numpy()
    codes = list(held.columns)
    for rule in pack.size_rules:
        if code in rule.products:
            fires = (
                firms["employees"]
                .between(rule.employees_min, rule.employees_max)
                .to_numpy(copy=True)
            )
            for needed in rule.held_all:
                fires &= held_set[:, codes.index(needed)]
            expected |= fires
    expected |= _metric_fires(pack.growth_rules, metrics, code)
    bench = pack.peer_benchmark
    rates = tables.rates
    peer = [(rates.get((i, b), {}).get(code)) for i, b in zip(industry, bands, strict=True)]
    expected |= np.array(
        [r is not None and r.peers >= bench.min_peers and r.rate >= bench.min_rate for r in peer]
    )
    return expected & in_market & ~held[code].to_numpy()


def _review(
    code: str,
    firms: pd.DataFrame,
    bands: pd.Series,
    held: pd.DataFrame,
    limits: pd.Series,
    metrics: pd.DataFrame,
    tables: PeerTables,
    pack: GapRulePack,
) -> np.ndarray:
    mine = held[code].to_numpy()
    fires = _metric_fires(pack.limit_review_rules, metrics, code)
    rule = pack.peer_limit
    peer_limits = tables.limits
    keys = list(zip(firms.index, [code] * len(firms), strict=True))
    own = limits.reindex(keys).to_numpy(dtype=float)
    average = np.array(
        [
            peer_limits.get((i, b), {}).get(code, (0.0, 0))
            for i, b in zip(firms["industry_code"], bands, strict=True)
        ],
        dtype=float,
    )
    low = (average[:, 1] >= rule.min_peers) & (own < rule.below_ratio * average[:, 0])
    return mine & (fires | low)
