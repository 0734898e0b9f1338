"""The gap rule pack evaluated column-wise over many customers at once (numpy, no I/O).

Reads the same ``rules.yaml`` and catalogue as ``coverage_gaps`` and gives the same answers
(a parity test holds them together), for the batch path that scores the whole book:

- ``growth_columns(events, now, window_days)``: headcount/revenue growth and locations added
  per customer from an events frame, as ``growth_trends`` reads them one customer at a time;
- ``gap_kind_matrices(...)``: one customers x products bool matrix per kind of rule;
- ``gap_points(kinds, held)``: the priority points ``coverage_gaps`` ranks on (0: no gap).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pandas as pd

from tools.catalogue.loader import Catalogue
from tools.gaps.pack import GapRulePack, MetricRule
from tools.gaps.peers import PeerRate

GROWTH_KEYS = {
    "headcount_change": ("headcount_growth_pct", "from", "to"),
    "revenue_change": ("revenue_growth_pct", "from", "to"),
    "location_added": ("locations_added", "locations_from", "locations_to"),
}


def growth_columns(events: pd.DataFrame, now: datetime, window_days: int) -> pd.DataFrame:
    """Return growth metrics per customer (index customer_id; NaN where nothing was recorded).

    Args:
        events: columns customer_id, event_type, occurred_at, payload (dict).
        now: the end of the trend window.
        window_days: how far back the window reaches.
    """
    start = now - timedelta(days=window_days)
    columns = {}
    for kind, (name, low, high) in GROWTH_KEYS.items():
        rows = events[(events["event_type"] == kind) & events["occurred_at"].between(start, now)]
        rows = rows.assign(
            low=[p.get(low) for p in rows["payload"]], high=[p.get(high) for p in rows["payload"]]
        ).dropna(subset=["low", "high"])
        grouped = rows.sort_values("occurred_at").groupby("customer_id")
        first, last = grouped["low"].first().astype(float), grouped["high"].last().astype(float)
        if name == "locations_added":
            columns[name] = last - first
        else:
            growth = (100 * (last - first) / first.where(first != 0)).fillna(0.0)
            columns[name] = growth.round(1)
    return pd.DataFrame(columns)


def target_matrix(customers: pd.DataFrame, catalogue: Catalogue) -> np.ndarray:
    """Return whether each product's target market (industry, size, turnover) holds each row."""
    out = []
    for product in catalogue.products.values():
        market = product.target_market
        industry = customers["industry_code"].isin(market.industries) | ("*" in market.industries)
        size = customers["employees"].between(market.employees_min, market.employees_max)
        turnover = customers["turnover_eur"].between(
            market.turnover_min_eur, market.turnover_max_eur
        )
        out.append((industry & size & turnover).to_numpy())
    return np.column_stack(out)


def _by_industry(
    customers: pd.DataFrame, table: dict[str, list[str]], codes: list[str]
) -> np.ndarray:
    industry = customers["industry_code"]
    return np.column_stack(
        [
            industry.isin([ind for ind, covers in table.items() if c in covers]).to_numpy()
            for c in codes
        ]
    )


def _metric_matrix(
    rules: list[MetricRule], growth: pd.DataFrame, codes: list[str], n: int
) -> np.ndarray:
    out = np.zeros((n, len(codes)), dtype=bool)
    for rule in rules:
        fired = (growth[rule.metric] > rule.above).to_numpy() if rule.metric in growth else False
        for code in rule.products:
            out[:, codes.index(code)] |= fired
    return out


def _size_matrix(
    customers: pd.DataFrame, held: np.ndarray, codes: list[str], pack: GapRulePack
) -> np.ndarray:
    out = np.zeros(held.shape, dtype=bool)
    for rule in pack.size_rules:
        fired = customers["employees"].between(rule.employees_min, rule.employees_max).to_numpy()
        for code in rule.held_all:
            fired = fired & held[:, codes.index(code)]
        for code in rule.products:
            out[:, codes.index(code)] |= fired
    return out


def peer_matrix(
    customers: pd.DataFrame,
    rates: dict[tuple[str, str], dict[str, PeerRate]],
    catalogue: Catalogue,
    pack: GapRulePack,
) -> np.ndarray:
    """Return where the customer's peer group clears the peer-benchmark rule for a product."""
    rule, codes = pack.peer_benchmark, catalogue.codes
    bands = [catalogue.size_band(int(e)) for e in customers["employees"]]
    out = np.zeros((len(customers), len(codes)), dtype=bool)
    for i, key in enumerate(zip(customers["industry_code"], bands, strict=True)):
        for code, peer in rates.get(key, {}).items():
            if code in codes and peer.peers >= rule.min_peers and peer.rate >= rule.min_rate:
                out[i, codes.index(code)] = True
    return out


def gap_kind_matrices(
    customers: pd.DataFrame,
    held: np.ndarray,
    growth: pd.DataFrame,
    rates: dict[tuple[str, str], dict[str, PeerRate]],
    catalogue: Catalogue,
    pack: GapRulePack,
) -> dict[str, np.ndarray]:
    """Return, per kind of rule, which (customer, product) pairs it flags as a missing cover.

    Args:
        customers: columns industry_code, country, employees, turnover_eur (row order kept).
        held: customers x catalogue codes, True where a policy is in force.
        growth: ``growth_columns`` reindexed to the customers' rows.
        rates: ``peer_holding_rates`` of the book.
        catalogue: the product catalogue (column order = ``catalogue.codes``).
        pack: the gap rule pack.

    Keys: mandatory, industry_key, industry_standard, size_rule, growth_rule, peer_benchmark
    (missing covers within the target market) and inadequate_limit (held covers whose
    exposure grew; the peer-limit test needs policy limits and is left to the caller).
    """
    codes, n = catalogue.codes, len(customers)
    missing = target_matrix(customers, catalogue) & ~held
    standard = {k: i.standard_covers for k, i in catalogue.industries.items()}
    key = _by_industry(customers, pack.industry_key_covers, codes)
    mandatory = np.column_stack(
        [customers["country"].isin(p.mandatory_in).to_numpy() for p in catalogue.products.values()]
    )
    return {
        "mandatory": mandatory & missing,
        "industry_key": key & missing,
        "industry_standard": _by_industry(customers, standard, codes) & ~key & missing,
        "size_rule": _size_matrix(customers, held, codes, pack) & missing,
        "growth_rule": _metric_matrix(pack.growth_rules, growth, codes, n) & missing,
        "peer_benchmark": peer_matrix(customers, rates, catalogue, pack) & missing,
        "inadequate_limit": _metric_matrix(pack.limit_review_rules, growth, codes, n) & held,
    }


def gap_points(kinds: dict[str, np.ndarray], pack: GapRulePack) -> np.ndarray:
    """Return the priority points of every (customer, product) pair; 0 where there is no gap."""
    points = pack.priority_points
    strongest = np.max([flags * points[kind] for kind, flags in kinds.items()], axis=0)
    # industry_key and industry_standard are one kind of reason (never both for one product).
    count = np.sum([flags for flags in kinds.values()], axis=0)
    return np.where(strongest > 0, strongest + points["extra_reason"] * (count - 1), 0)
