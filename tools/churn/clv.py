"""Customer lifetime value: expected discounted margin over the remaining lifetime.

With a constant yearly retention r = 1 - p_churn_12m and discount rate d, a margin m paid at
the start of each year the customer stays is worth m * sum_{t=0}^{H-1} (r / (1 + d))^t.
The margin of a product is premium x (1 - target loss ratio x theta - expense ratio), where
theta is the credibility risk profile (expected claims vs tariff), so a customer who claims
more than the tariff assumes is worth less. Cross-sell potential adds, for each product not
held, P(buy in 12 months) x typical premium x its margin, from the second year on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class ClvAssumptions:
    """Business assumptions of the CLV formula (illustrative; set by the insurer's finance)."""

    horizon_years: int = 10
    discount_rate: float = 0.08
    target_loss_ratio: float = 0.62
    expense_ratio: float = 0.25


def annuity_factor(
    retention: np.ndarray, assumptions: ClvAssumptions, start: int = 0
) -> np.ndarray:
    """Return sum_{t=start}^{H-1} (r / (1 + d))^t for each retention rate r."""
    q = np.asarray(retention, dtype=float)[:, None] / (1.0 + assumptions.discount_rate)
    years = np.arange(start, assumptions.horizon_years)[None, :]
    return np.asarray((q**years).sum(axis=1))


def margin_rate(theta: np.ndarray | pd.DataFrame, assumptions: ClvAssumptions) -> np.ndarray:
    """Return the share of premium kept as margin given theta (1.0 = claims as tariffed)."""
    values = np.asarray(theta, dtype=float)
    return np.asarray(1.0 - assumptions.target_loss_ratio * values - assumptions.expense_ratio)


def clv_frame(
    premiums: pd.DataFrame,
    theta: pd.DataFrame,
    churn: pd.Series,
    propensity: pd.DataFrame,
    typical_premium: pd.Series,
    assumptions: ClvAssumptions | None = None,
) -> pd.DataFrame:
    """Return current margin, cross-sell value and CLV per customer (EUR).

    Args:
        premiums: customers x products annual premium in force (0 when not held).
        theta: customers x products credibility risk profile (missing = 1.0).
        churn: 12-month churn probability per customer.
        propensity: customers x products purchase probabilities (NaN when held).
        typical_premium: Typical annual premium per product (EUR).
        assumptions: CLV assumptions (default :class:`ClvAssumptions`).

    Returns:
        Frame indexed by customer with ``annual_margin_eur``, ``cross_sell_eur``, ``clv_eur``.
    """
    a = assumptions or ClvAssumptions()
    index = churn.index
    codes = list(premiums.columns)
    risk = theta.reindex(index=index, columns=codes).fillna(1.0)
    rate = pd.DataFrame(margin_rate(risk, a), index=index, columns=codes)
    held = premiums.reindex(index=index, columns=codes).fillna(0.0)
    margin = (held * rate).sum(axis=1)
    buy = propensity.reindex(index=index, columns=codes).fillna(0.0)
    potential = (buy * typical_premium.reindex(codes).to_numpy() * rate.clip(lower=0)).sum(axis=1)
    retention = 1.0 - churn.to_numpy()
    current = margin.to_numpy() * annuity_factor(retention, a)
    cross = potential.to_numpy() * annuity_factor(retention, a, start=1)
    return pd.DataFrame(
        {
            "annual_margin_eur": margin.round(2),
            "cross_sell_eur": np.round(cross, 2),
            "clv_eur": np.round(current + cross, 2),
        },
        index=index,
    )


@dataclass(frozen=True)
class ClvParts:
    """One customer's lifetime value and its parts (EUR, unrounded)."""

    annual_margin_eur: float
    """Margin of the policies in force this year."""
    cross_sell_eur: float
    """Expected discounted margin of likely purchases."""
    clv_eur: float
    """Expected discounted margin over the remaining lifetime, plus the cross-sell value."""


def clv_of(
    premiums: np.ndarray,
    theta: np.ndarray,
    churn: float,
    propensity: np.ndarray,
    typical_premium: np.ndarray,
    assumptions: ClvAssumptions | None = None,
) -> ClvParts:
    """Return one customer's margin, cross-sell value and CLV (the twin of :func:`clv_frame`).

    Args:
        premiums: Annual premium in force per product (0 when not held).
        theta: Credibility risk profile per product (1.0 where there is none).
        churn: 12-month churn probability.
        propensity: Purchase probability per product (0 where held).
        typical_premium: Typical annual premium per product (EUR).
        assumptions: CLV assumptions (default :class:`ClvAssumptions`).
    """
    a = assumptions or ClvAssumptions()
    rate = margin_rate(theta, a)
    margin = float((premiums * rate).sum())
    potential = float((propensity * typical_premium * rate.clip(min=0)).sum())
    retention = np.array([1.0 - churn])
    current = margin * float(annuity_factor(retention, a)[0])
    cross = potential * float(annuity_factor(retention, a, start=1)[0])
    return ClvParts(annual_margin_eur=margin, cross_sell_eur=cross, clv_eur=current + cross)
