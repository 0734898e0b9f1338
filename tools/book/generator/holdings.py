"""Draw product ownership (before the snapshot) and purchases in the last 12 months."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tools.book.generator.firmographics import FirmBatch
from tools.catalogue.loader import Catalogue

PEOPLE_LINES = ("DO", "EPL", "WORKERS_COMP", "GROUP_LIFE", "HEALTH")
GROWTH_LINES = (*PEOPLE_LINES, "CYBER")


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


@dataclass
class Holdings:
    """Ownership matrices of one batch (rows customers, columns catalogue codes)."""

    codes: list[str]
    in_target: np.ndarray  # bool: the product's target market includes the customer
    owned: np.ndarray  # bool: held at the snapshot date (12 months before as-of)
    bought: np.ndarray  # bool: bought after the snapshot date
    purchase_probability: np.ndarray  # the true probability the purchase draw used
    grew: np.ndarray  # bool per customer: revenue > +30% or headcount > +50%


def target_matrix(catalogue: Catalogue, firms: FirmBatch) -> np.ndarray:
    """Return whether each product's target market includes each customer."""
    columns = []
    for product in catalogue.products.values():
        market = product.target_market
        industry_ok = (
            np.ones(len(firms), bool)
            if "*" in market.industries
            else np.isin(firms.industry, market.industries)
        )
        size_ok = (firms.employees >= market.employees_min) & (
            firms.employees <= market.employees_max
        )
        turnover_ok = (firms.turnover >= market.turnover_min_eur) & (
            firms.turnover <= market.turnover_max_eur
        )
        columns.append(industry_ok & size_ok & turnover_ok)
    return np.column_stack(columns)


def _standard_matrix(catalogue: Catalogue, firms: FirmBatch) -> np.ndarray:
    standard = {code: ind.standard_covers for code, ind in catalogue.industries.items()}
    return np.array(
        [[code in standard[industry] for code in catalogue.codes] for industry in firms.industry]
    )


def _size_effect(catalogue: Catalogue, firms: FirmBatch) -> np.ndarray:
    slope = np.array([0.5 if code in PEOPLE_LINES else 0.15 for code in catalogue.codes])
    return np.log(firms.employees)[:, None] * slope[None, :]


def _mandatory(catalogue: Catalogue, firms: FirmBatch) -> np.ndarray:
    return np.column_stack(
        [np.isin(firms.country, p.mandatory_in) for p in catalogue.products.values()]
    )


def _affinity_lift(catalogue: Catalogue, owned: np.ndarray) -> np.ndarray:
    codes = catalogue.codes
    matrix = np.array([[catalogue.affinity.get(a, {}).get(b, 0.0) for b in codes] for a in codes])
    # Strongest affinity from any held product towards each product.
    return (owned[:, :, None] * matrix[None, :, :]).max(axis=1)


def _enforce_prerequisites(catalogue: Catalogue, owned: np.ndarray) -> np.ndarray:
    codes = catalogue.codes
    for k, product in enumerate(catalogue.products.values()):
        for required in product.requires:
            owned[:, k] &= owned[:, codes.index(required)]
    return owned


def draw_holdings(rng: np.random.Generator, catalogue: Catalogue, firms: FirmBatch) -> Holdings:
    """Draw what each customer held at the snapshot and what they bought afterwards."""
    codes = catalogue.codes
    n = len(firms)
    in_target = target_matrix(catalogue, firms)
    standard = _standard_matrix(catalogue, firms)
    base = np.array([-3.2 + (p.cross_sales_score - 50) / 25 for p in catalogue.products.values()])
    size = _size_effect(catalogue, firms)
    logit = base + 1.2 * standard + size + 0.7 * firms.buy_affinity[:, None]
    logit += 3.0 * _mandatory(catalogue, firms)
    owned = (rng.uniform(size=(n, len(codes))) < _sigmoid(logit)) & in_target
    owned = _enforce_prerequisites(catalogue, owned)
    first = np.where(
        np.isin(firms.industry, ["it_services", "consulting", "professional_services"]),
        codes.index("PI"),
        codes.index("GL"),
    )
    empty = ~owned.any(axis=1)
    owned[np.flatnonzero(empty), first[empty]] = True
    grew = rng.uniform(size=n) < 0.15
    growth = np.isin(codes, GROWTH_LINES)[None, :] * grew[:, None]
    buy_logit = (
        -3.6
        + 1.0 * standard
        + 0.9 * firms.buy_affinity[:, None]
        + 1.2 * _affinity_lift(catalogue, owned)
        + 0.9 * growth
        + 0.25 * np.log1p(firms.engagement)[:, None]
        + 0.5 * size
    )
    probability = np.where(owned | ~in_target, 0.0, _sigmoid(buy_logit))
    bought = rng.uniform(size=(n, len(codes))) < probability
    bought = _enforce_prerequisites(catalogue, bought | owned) & ~owned
    return Holdings(codes, in_target, owned, bought, probability, grew)
