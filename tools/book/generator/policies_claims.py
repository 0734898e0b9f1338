"""Turn drawn holdings into policy rows and draw claims from a latent risk attitude."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import numpy as np

from tools.book.generator.firmographics import FirmBatch
from tools.book.generator.holdings import Holdings
from tools.catalogue.loader import Catalogue

# Yearly claim frequency per policy of an average 10-employee firm (the a-priori tariff), and
# the typical limit in EUR. Our own illustrative figures.
BASE_FREQUENCY = {
    "GL": 0.08,
    "PI": 0.05,
    "CYBER": 0.06,
    "BI": 0.03,
    "DO": 0.02,
    "PROPERTY": 0.10,
    "EQUIPMENT": 0.09,
    "FLEET": 0.20,
    "CARGO": 0.07,
    "GROUP_LIFE": 0.01,
    "HEALTH": 0.25,
    "KEY_PERSON": 0.01,
    "EPL": 0.03,
    "WORKERS_COMP": 0.12,
    "TRAVEL": 0.05,
    "PRODUCT_LIABILITY": 0.04,
    "ENVIRONMENTAL": 0.01,
    "TRADE_CREDIT": 0.03,
    "EVENT": 0.04,
}
TYPICAL_LIMIT = {
    "GL": 5_000_000,
    "PI": 2_000_000,
    "CYBER": 1_000_000,
    "BI": 1_500_000,
    "DO": 2_000_000,
    "PROPERTY": 3_000_000,
    "EQUIPMENT": 250_000,
    "FLEET": 1_000_000,
    "CARGO": 250_000,
    "GROUP_LIFE": 1_000_000,
    "HEALTH": 500_000,
    "KEY_PERSON": 500_000,
    "EPL": 1_000_000,
    "WORKERS_COMP": 2_000_000,
    "TRAVEL": 100_000,
    "PRODUCT_LIABILITY": 3_000_000,
    "ENVIRONMENTAL": 2_000_000,
    "TRADE_CREDIT": 1_000_000,
    "EVENT": 250_000,
}
CLAIM_HISTORY_YEARS = 5


def next_anniversary(start: date, as_of: date) -> date:
    """Return the first anniversary of ``start`` strictly after ``as_of``."""
    years = max(1, as_of.year - start.year)
    while True:
        try:
            candidate = start.replace(year=start.year + years)
        except ValueError:  # 29 February
            candidate = start.replace(year=start.year + years, day=28)
        if candidate > as_of:
            return candidate
        years += 1


def tariff_frequency(catalogue: Catalogue, industry: str, employees: int, code: str) -> float:
    """Return the a-priori yearly claim frequency of one policy (the tariff assumption)."""
    size_factor = (max(employees, 1) / 10) ** 0.3
    return BASE_FREQUENCY[code] * catalogue.industries[industry].risk * size_factor


def _premium(catalogue: Catalogue, code: str, employees: int, noise: float) -> float:
    band = catalogue.products[code].premium_eur
    share = min(max(math.log(employees) / math.log(250) + noise, 0.0), 1.0)
    return float(round(band.min + (band.max - band.min) * share, -1))


def _start_date(rng: np.random.Generator, low: date, high: date) -> date:
    span = max((high - low).days, 1)
    return low + timedelta(days=int(rng.integers(0, span)))


def _start_for(rng: np.random.Generator, low: date, high: date, lapse: date | None) -> date | None:
    # A customer who left buys nothing afterwards: every policy ran 30 days before the lapse.
    if lapse is not None:
        high = min(high, lapse - timedelta(days=30))
    if high <= low:
        return None
    return _start_date(rng, low, high)


def policy_rows(
    rng: np.random.Generator,
    catalogue: Catalogue,
    firms: FirmBatch,
    holdings: Holdings,
    lapses: Sequence[date | None],
    as_of: date,
) -> list[dict[str, Any]]:
    """Build one policy row per held or bought product; a churned customer's all lapse together.

    Args:
        rng: The batch's main stream.
        catalogue: Premium bands per product.
        firms: The batch's customers.
        holdings: Held at the snapshot (started before it) and bought after it.
        lapses: The day each customer left (``lapse_dates``), or None; a purchase that would
            start later than 30 days before it is not made.
        as_of: The book date.
    """
    snapshot = as_of - timedelta(days=365)
    rows: list[dict[str, Any]] = []
    for i, k in zip(*np.nonzero(holdings.owned | holdings.bought), strict=True):
        code, end = holdings.codes[k], lapses[i]
        since = min(firms.customer_since[i], snapshot - timedelta(days=1))
        if holdings.bought[i, k]:
            start = _start_for(rng, snapshot + timedelta(days=1), as_of, end)
        else:
            start = _start_for(rng, since, snapshot, end)
        if start is None:
            continue
        rows.append(
            {
                "customer_id": firms.ids[i],
                "product_code": code,
                "status": "lapsed" if end else "active",
                "annual_premium_eur": _premium(
                    catalogue, code, int(firms.employees[i]), float(rng.normal(0, 0.1))
                ),
                "limit_eur": TYPICAL_LIMIT[code],
                "deductible_eur": int(rng.choice([1000, 2500, 5000])),
                "start_date": start,
                "renewal_date": end or next_anniversary(start, as_of),
                "end_date": end,
            }
        )
    return rows


def claim_rows(
    rng: np.random.Generator,
    catalogue: Catalogue,
    firms: FirmBatch,
    policies: list[dict[str, Any]],
    multiplier: dict[str, float],
    as_of: date,
) -> list[dict[str, Any]]:
    """Draw claims per policy-year: Poisson(tariff x the customer's latent multiplier)."""
    index = {cid: i for i, cid in enumerate(firms.ids)}
    horizon = as_of - timedelta(days=int(365.25 * CLAIM_HISTORY_YEARS))
    rows: list[dict[str, Any]] = []
    for policy in policies:
        i = index[policy["customer_id"]]
        begin = max(policy["start_date"], horizon)
        finish = policy["end_date"] or as_of
        years = max((finish - begin).days, 0) / 365.25
        tariff = tariff_frequency(
            catalogue, str(firms.industry[i]), int(firms.employees[i]), policy["product_code"]
        )
        lam = tariff * multiplier[policy["customer_id"]] * float(rng.lognormal(0.0, 0.15))
        for _ in range(int(rng.poisson(lam * years))):
            when = _start_date(rng, begin, finish)
            recent = (as_of - when).days < 60
            status = (
                "open"
                if recent and rng.uniform() < 0.6
                else ("rejected" if rng.uniform() < 0.1 else "closed")
            )
            rows.append(
                {
                    "customer_id": policy["customer_id"],
                    "product_code": policy["product_code"],
                    "claim_date": when,
                    "amount_eur": float(round(rng.lognormal(8.5, 1.1), 2)),
                    "status": status,
                }
            )
    return rows
