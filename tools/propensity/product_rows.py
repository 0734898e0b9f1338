"""The product-specific features of one customer for every product at once (numpy).

The twin of :func:`tools.propensity.features.product_features` for one customer: target
market, the industry's standard covers, the share of industry peers holding the product
(excluding the customer) and the affinity from the products held, as a (products x 4) array
in ``PRODUCT_SPECIFIC`` order. The catalogue's part is computed once per catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from tools.catalogue.loader import Catalogue, TargetMarket
from tools.propensity.vector import CustomerVector

_tables: dict[int, tuple[Catalogue, ProductTable]] = {}


@dataclass(frozen=True, eq=False)
class ProductTable:
    """What the product-specific features read from the catalogue, in catalogue order."""

    codes: tuple[str, ...]
    """Product codes, in catalogue order."""
    affinity: np.ndarray
    """(products x products): weight from a held product (column) to a product (row)."""
    employees_min: np.ndarray
    """Smallest headcount of each product's target market."""
    employees_max: np.ndarray
    """Largest headcount of each product's target market."""
    markets: tuple[TargetMarket, ...]
    """Each product's target market."""
    covers: dict[str, np.ndarray]
    """Per industry code of the catalogue, whether each product's target market includes it."""
    standard: dict[str, np.ndarray]
    """Per industry code, 1.0 where the product is a standard cover of the industry."""

    def industry_rows(self, industry: str) -> tuple[np.ndarray, np.ndarray]:
        """Return (in target market by industry, standard cover) for an industry code."""
        covered = self.covers.get(industry)
        if covered is None:  # not a catalogue industry: ask each market
            covered = np.array([m.covers_industry(industry) for m in self.markets])
        return covered, self.standard.get(industry, np.zeros(len(self.codes)))


def product_table(catalogue: Catalogue) -> ProductTable:
    """Return the catalogue's product table (built once per catalogue object)."""
    cached = _tables.get(id(catalogue))
    if cached is not None and cached[0] is catalogue:
        return cached[1]
    codes = catalogue.codes
    affinity = np.array(
        [
            [catalogue.affinity.get(o, {}).get(k, 0.0) if o != k else 0.0 for o in codes]
            for k in codes
        ]
    )
    markets = [catalogue.products[c].target_market for c in codes]
    table = ProductTable(
        codes=tuple(codes),
        affinity=affinity,
        employees_min=np.array([m.employees_min for m in markets], dtype=float),
        employees_max=np.array([m.employees_max for m in markets], dtype=float),
        markets=tuple(markets),
        covers={i: np.array([m.covers_industry(i) for m in markets]) for i in catalogue.industries},
        standard={
            i: np.array([float(c in ind.standard_covers) for c in codes])
            for i, ind in catalogue.industries.items()
        },
    )
    _tables[id(catalogue)] = (catalogue, table)
    return table


@dataclass(frozen=True, eq=False)
class PeerTable:
    """Industry holder counts (``peer_counts_from``) as arrays, in catalogue order."""

    holders: dict[str, np.ndarray]
    """Per industry, the customers holding each product."""
    size: dict[str, float]
    """Per industry, the customers in force."""

    @classmethod
    def from_frame(cls, peers: pd.DataFrame, codes: list[str]) -> PeerTable:
        """Read a peer-count frame (industry index, one column per product and ``_size``)."""
        holders = peers.reindex(columns=codes).astype(float).fillna(0.0)
        size = peers["_size"].astype(float).fillna(1.0)
        return cls(
            holders={str(i): holders.loc[i].to_numpy() for i in holders.index},
            size={str(i): float(size.loc[i]) for i in size.index},
        )


def product_rows(vector: CustomerVector, table: ProductTable, peers: PeerTable) -> np.ndarray:
    """Return (products x 4): in_target, standard_cover, peer_rate, affinity for each product."""
    covered, standard = table.industry_rows(vector.industry)
    employees = np.round(np.exp(vector.numeric[0]))  # log_employees, as the frame twin rounds
    in_size = (table.employees_min <= employees) & (employees <= table.employees_max)
    total = peers.holders.get(vector.industry, np.zeros(len(table.codes)))
    size = peers.size.get(vector.industry, 1.0)
    peer_rate = (total - vector.own) / max(size - 1.0, 1.0)
    weighted = vector.own[None, :] * table.affinity
    np.fill_diagonal(weighted, -np.inf)  # a product's own holding is not an affinity
    return np.column_stack(
        [(covered & in_size).astype(float), standard, peer_rate, weighted.max(axis=1)]
    )
