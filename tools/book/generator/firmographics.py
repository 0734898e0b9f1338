"""Draw customers' firmographics and latent factors for one batch, column-wise with numpy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from tools.catalogue.loader import Catalogue

# Documented generator targets (tests/tools/book/test_generator.py checks the marginals):
# size bands micro 55%, small 35%, medium 10% (Nordic SME structure, turnover < EUR 50M);
# revenue per employee EUR 90k-220k by industry; country and industry mix from industries.yaml.
SIZE_SHARES = {"micro": 0.55, "small": 0.35, "medium": 0.10}
SIZE_BOUNDS = {"micro": (1, 9), "small": (10, 49), "medium": (50, 249)}
REVENUE_PER_EMPLOYEE = {
    "it_services": 150_000,
    "consulting": 140_000,
    "professional_services": 120_000,
    "manufacturing": 200_000,
    "retail": 170_000,
    "wholesale": 220_000,
    "construction": 160_000,
    "transport": 150_000,
    "hospitality": 90_000,
    "healthcare": 110_000,
}
CHANNELS = ("email", "phone", "portal")
CHANNEL_SHARES = (0.55, 0.25, 0.20)
MAX_TURNOVER_EUR = 49_000_000


@dataclass
class FirmBatch:
    """Column arrays of one batch of synthetic customers."""

    ids: list[str]
    country: np.ndarray
    industry: np.ndarray
    employees: np.ndarray
    turnover: np.ndarray
    founded: list[date]
    customer_since: list[date]
    preferred_channel: np.ndarray
    consent: dict[str, list[bool | None]]
    objection: np.ndarray
    care: np.ndarray
    buy_affinity: np.ndarray
    risk_attitude: np.ndarray
    churn_hazard: np.ndarray
    engagement: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


def _choice(rng: np.random.Generator, table: dict[str, float], size: int) -> np.ndarray:
    keys = list(table)
    shares = np.array([table[key] for key in keys], dtype=float)
    return np.array(keys)[rng.choice(len(keys), size=size, p=shares / shares.sum())]


def _employees(rng: np.random.Generator, size: int) -> np.ndarray:
    bands = _choice(rng, SIZE_SHARES, size)
    out = np.empty(size, dtype=np.int64)
    for band, (low, high) in SIZE_BOUNDS.items():
        mask = bands == band
        # Log-uniform inside the band: many small firms, a thinner tail.
        draws = np.exp(rng.uniform(np.log(low), np.log(high + 1), mask.sum()))
        out[mask] = np.clip(draws.astype(np.int64), low, high)
    return out


def _consent(rng: np.random.Generator, size: int, p_yes: float) -> list[bool | None]:
    draw = rng.uniform(size=size)
    # Unknown consent (None) is common in real CRMs; it means "no" downstream (fail closed).
    return [True if d < p_yes else (None if d < p_yes + 0.08 else False) for d in draw]


def _dates_back(
    rng: np.random.Generator, as_of: date, years_low: float, years_high: float, size: int
) -> list[date]:
    days = rng.uniform(years_low * 365.25, years_high * 365.25, size).astype(int)
    return [as_of - timedelta(days=int(d)) for d in days]


def draw_firms(
    rng: np.random.Generator, catalogue: Catalogue, first_index: int, size: int, as_of: date
) -> FirmBatch:
    """Draw ``size`` customers numbered from ``first_index``."""
    industries = {code: ind.book_share for code, ind in catalogue.industries.items()}
    countries = {code: float(row["book_share"]) for code, row in catalogue.countries.items()}
    industry = _choice(rng, industries, size)
    employees = _employees(rng, size)
    per_head = np.array([REVENUE_PER_EMPLOYEE[i] for i in industry], dtype=float)
    turnover = employees * per_head * rng.lognormal(0.0, 0.35, size)
    latent = rng.multivariate_normal(
        np.zeros(3), [[1.0, 0.0, 0.0], [0.0, 1.0, 0.3], [0.0, 0.3, 1.0]], size
    )
    founded = _dates_back(rng, as_of, 1.0, 40.0, size)
    since = [
        max(f, s) for f, s in zip(founded, _dates_back(rng, as_of, 0.3, 12.0, size), strict=True)
    ]
    return FirmBatch(
        ids=[f"C{first_index + i:07d}" for i in range(size)],
        country=_choice(rng, countries, size),
        industry=industry,
        employees=employees,
        turnover=np.clip(turnover, 50_000, MAX_TURNOVER_EUR).round(-3).astype(np.int64),
        founded=founded,
        customer_since=since,
        preferred_channel=np.array(CHANNELS)[rng.choice(3, size=size, p=CHANNEL_SHARES)],
        consent={
            "email": _consent(rng, size, 0.82),
            "phone": _consent(rng, size, 0.70),
            "portal": _consent(rng, size, 0.75),
        },
        objection=rng.uniform(size=size) < 0.03,
        care=rng.uniform(size=size) < 0.02,
        buy_affinity=latent[:, 0],
        risk_attitude=latent[:, 1],
        churn_hazard=latent[:, 2],
        engagement=rng.gamma(2.0, 1.0, size),
    )
