"""The coverage-gap rule pack (``tools/gaps/rules.yaml``) evaluated column-wise for a book.

Same rules and data as ``coverage_gaps``: the industry's key and standard covers, statutory
covers of the country, headcount rules, growth rules over the trend window, the peer
benchmark (the gaps package's own GROUP BY peer tables) and, for held covers, limit reviews
after growth or against the peers' average limit. Returns which (customer, product) pairs
are gaps; ``coverage_gaps`` adds the wording and ranking for one customer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from tools.book.models import BusinessEvent
from tools.catalogue.loader import Catalogue
from tools.gaps.pack import GapRulePack, MetricRule
from tools.gaps.peers import PeerTables, peer_tables
from tools.growth import growth_columns
from tools.growth.trends import MEASURES
from tools.snapshot.frames import BookFrames

METRICS = ["headcount_growth_pct", "revenue_growth_pct", "locations_added"]


def growth_metrics(
    session: Session, ids: pd.Index, now: datetime, window_days: int
) -> pd.DataFrame:
    """Return per customer the three growth metrics of the trend window (``tools.growth``).

    The one growth definition, column-wise (``growth_columns``), on the change events of the
    window; NaN where nothing was recorded.
    """
    window = and_(
        BusinessEvent.event_type.in_(list(MEASURES)),
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
        ).where(window)
    ).all()
    events = pd.DataFrame(rows, columns=["customer_id", "event_type", "occurred_at", "payload"])
    events["occurred_at"] = pd.to_datetime(events["occurred_at"])
    return growth_columns(events, now, window_days).reindex(index=ids, columns=METRICS)


def _metric_fires(rules: list[MetricRule], metrics: pd.DataFrame, code: str) -> np.ndarray:
    fired = np.zeros(len(metrics), dtype=bool)
    for rule in rules:
        if code in rule.products:
            fired |= (metrics[rule.metric] > rule.above).fillna(False).to_numpy(dtype=bool)
    return fired


@dataclass(frozen=True)
class GapInputs:
    """Customer columns and customers x products matrices the gap rules read."""

    firms: pd.DataFrame
    held: np.ndarray
    limits: np.ndarray
    metrics: pd.DataFrame
    peer_rate: np.ndarray
    peer_count: np.ndarray
    peer_limit: np.ndarray
    peer_holders: np.ndarray


def _peer_matrices(
    firms: pd.DataFrame, tables: PeerTables, catalogue: Catalogue
) -> tuple[np.ndarray, ...]:
    # One row per (industry, band) group, then each customer takes its group's row.
    bands = firms["employees"].map(catalogue.size_band)
    keys = pd.MultiIndex.from_arrays([firms["industry_code"], bands])
    groups = keys.unique()
    shape = (len(groups), len(catalogue.codes))
    rate, count, limit, holders = (np.zeros(shape) for _ in range(4))
    for g, key in enumerate(groups):
        for k, code in enumerate(catalogue.codes):
            peer = tables.rates.get(key, {}).get(code)
            rate[g, k], count[g, k] = (peer.rate, peer.peers) if peer else (0.0, 0)
            limit[g, k], holders[g, k] = tables.limits.get(key, {}).get(code, (0.0, 0))
    row = groups.get_indexer(keys)
    return rate[row], count[row], limit[row], holders[row]


def gap_inputs(
    session: Session, frames: BookFrames, catalogue: Catalogue, pack: GapRulePack
) -> GapInputs:
    """Return the gap rules' inputs for the frames' customers (policies in force on the day)."""
    firms = frames.customers.set_index("customer_id")
    policies = frames.policies[frames.policies["product"].isin(catalogue.codes)]
    row = firms.index.get_indexer(policies["customer_id"])
    col = policies["product"].map({c: k for k, c in enumerate(catalogue.codes)}).to_numpy(int)
    held = np.zeros((len(firms), len(catalogue.codes)), dtype=bool)
    held[row, col] = True
    limits = np.full(held.shape, np.nan)
    np.fmax.at(limits, (row, col), policies["limit_eur"].to_numpy(dtype=float))
    metrics = growth_metrics(session, firms.index, frames.now, pack.trend_window_days)
    peers = _peer_matrices(firms, peer_tables(session, frames.now.date()), catalogue)
    return GapInputs(firms, held, limits, metrics, *peers)


def gap_matrix(
    session: Session, frames: BookFrames, catalogue: Catalogue, pack: GapRulePack
) -> pd.DataFrame:
    """Return a customers x products bool frame: True where ``coverage_gaps`` lists a gap."""
    inputs = gap_inputs(session, frames, catalogue, pack)
    gaps = pd.DataFrame(False, index=inputs.firms.index, columns=catalogue.codes)
    for k, code in enumerate(catalogue.codes):
        gaps[code] = _missing(k, code, inputs, catalogue, pack) | _review(k, code, inputs, pack)
    return gaps


def _missing(
    k: int, code: str, inputs: GapInputs, catalogue: Catalogue, pack: GapRulePack
) -> np.ndarray:
    firms, product = inputs.firms, catalogue.products[code]
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
    held = inputs.held
    for rule in pack.size_rules:
        if code in rule.products:
            between = firms["employees"].between(rule.employees_min, rule.employees_max)
            fires = between.to_numpy(copy=True)
            for needed in rule.held_all:
                fires &= held[:, catalogue.codes.index(needed)]
            expected |= fires
    expected |= _metric_fires(pack.growth_rules, inputs.metrics, code)
    bench = pack.peer_benchmark
    expected |= (inputs.peer_count[:, k] >= bench.min_peers) & (
        inputs.peer_rate[:, k] >= bench.min_rate
    )
    return expected & in_market & ~held[:, k]


def _review(k: int, code: str, inputs: GapInputs, pack: GapRulePack) -> np.ndarray:
    rule = pack.peer_limit
    fires = _metric_fires(pack.limit_review_rules, inputs.metrics, code)
    low = (inputs.peer_holders[:, k] >= rule.min_peers) & (
        inputs.limits[:, k] < rule.below_ratio * inputs.peer_limit[:, k]
    )
    return inputs.held[:, k] & (fires | low)
