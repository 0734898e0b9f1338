"""Rate one product for one customer from the rating table (pure: no I/O)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tools.catalogue.loader import Product
from tools.quote.table import RatingTable


@dataclass(frozen=True)
class Exposure:
    """One policy's period, for the expected claims of the claims-experience factor."""

    product: str
    start: date
    end: date | None


@dataclass(frozen=True)
class RatingFacts:
    """The plain values the rating table reads."""

    industry: str
    industry_risk: float
    country: str
    employees: int
    size_band: str
    claims_observed: int
    claims_expected: float


def expected_claims(
    exposures: Iterable[Exposure],
    today: date,
    employees: int,
    industry_risk: float,
    table: RatingTable,
) -> float:
    """Return the claims the tariff expects on these policies within the claims window."""
    rule = table.claims_experience
    window_start = today - timedelta(days=round(365.25 * rule.window_years))
    size = (max(employees, 1) / 10) ** rule.size_exponent
    total = 0.0
    for exposure in exposures:
        begin = max(exposure.start, window_start)
        finish = min(exposure.end or today, today)
        years = max((finish - begin).days, 0) / 365.25
        total += rule.expected_frequency.get(exposure.product, 0.0) * industry_risk * size * years
    return total


def claims_factor(observed: int, expected: float, table: RatingTable) -> tuple[float, str]:
    """Return the claims-experience factor and its label."""
    rule = table.claims_experience
    if expected < rule.min_expected_claims:
        return 1.0, "too little claims history with us to rate"
    band = rule.band(observed / expected)
    return band.factor, band.label


def rate_product(
    product: Product, facts: RatingFacts, table: RatingTable
) -> tuple[int, int, dict[str, Any]]:
    """Return the indicative low and high annual premium of a product, and every factor.

    The point is the catalogue range's size-band position, times the industry, country and
    claims factors; the range is the point +-``spread_pct``, rounded to the table's step.
    """
    span = product.premium_eur
    position = table.size_band_position[facts.size_band]
    base = span.min + (span.max - span.min) * position
    industry = 1 + table.industry_weight * (facts.industry_risk - 1)
    country = table.country_factor.get(facts.country, 1.0)
    claims, claims_label = claims_factor(facts.claims_observed, facts.claims_expected, table)
    point = base * industry * country * claims
    spread = table.spread_pct / 100
    low, high = table.round_eur(point * (1 - spread)), table.round_eur(point * (1 + spread))
    factors: dict[str, Any] = {
        "catalogue_range_eur": [span.min, span.max],
        "size_band": facts.size_band,
        "size_band_position": position,
        "base_eur": round(base),
        "industry": facts.industry,
        "industry_factor": round(industry, 3),
        "country": facts.country,
        "country_factor": country,
        "claims_in_window": facts.claims_observed,
        "claims_expected_at_tariff": round(facts.claims_expected, 2),
        "claims_factor": claims,
        "claims_experience": claims_label,
        "point_eur": round(point),
        "spread_pct": table.spread_pct,
    }
    return low, high, factors
