"""Draw when churned customers left: a yearly hazard over the whole tenure, not only lately.

Every customer runs through their tenure year by year. In each year they leave with a
hazard driven by the latent churn factor, the number of products held and whether they
are in their first two years (the first renewals are when customers most often leave), so
a past snapshot's churners look like the latest year's. Drawn from the history stream
(``history_stream``), so who leaves and when does not move the other tables' draws.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from tools.book.generator.firmographics import FirmBatch
from tools.book.generator.holdings import Holdings

HAZARD_BASE = -2.1
"""Log-odds of leaving in a year for an average customer with no products (our own figure)."""
HAZARD_LATENT = 0.8
HAZARD_PER_PRODUCT = -0.35
HAZARD_EARLY = 0.8
EARLY_YEARS = 2
MIN_STAY_DAYS = 60
"""A customer stays at least this long: every policy runs 30 days or more before it lapses."""
YEAR = 365.25


def history_stream(seed: int, batch: int) -> np.random.Generator:
    """Return the history's own random stream of one batch (lapses, portal and quote events)."""
    return np.random.default_rng([seed, batch, 7])


def yearly_hazard(firms: FirmBatch, holdings: Holdings, tenure_year: int) -> np.ndarray:
    """Return each customer's chance of leaving during the given year of their tenure."""
    logit = (
        HAZARD_BASE
        + HAZARD_LATENT * firms.churn_hazard
        + HAZARD_PER_PRODUCT * holdings.owned.sum(1)
        + HAZARD_EARLY * (tenure_year < EARLY_YEARS)
    )
    return np.asarray(1.0 / (1.0 + np.exp(-logit)))


def lapse_dates(
    rng: np.random.Generator, firms: FirmBatch, holdings: Holdings, as_of: date
) -> list[date | None]:
    """Return the day each customer's policies all lapsed, or None for customers still in force.

    Args:
        rng: The history stream (``history_stream``).
        firms: The batch's customers (tenure from ``customer_since``, latent churn factor).
        holdings: What they hold (more products, less churn).
        as_of: The book date; no lapse falls after it.
    """
    tenure = np.array([(as_of - since).days for since in firms.customer_since]) / YEAR
    left = np.full(len(firms), np.nan)
    for year in range(int(np.ceil(tenure.max(initial=0.0)))):
        exposure = np.clip(tenure - year, 0.0, 1.0)
        leave = 1.0 - (1.0 - yearly_hazard(firms, holdings, year)) ** exposure
        draw, when = rng.uniform(size=len(firms)), rng.uniform(size=len(firms))
        now = np.isnan(left) & (exposure > 0) & (draw < leave)
        left[now] = year + when[now] * exposure[now]
    out: list[date | None] = []
    for i, since in enumerate(firms.customer_since):
        if np.isnan(left[i]):
            out.append(None)
            continue
        day = since + timedelta(days=max(int(left[i] * YEAR), MIN_STAY_DAYS))
        out.append(min(day, as_of))
    return out
