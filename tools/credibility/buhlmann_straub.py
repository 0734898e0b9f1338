"""Univariate Buhlmann-Straub credibility (Buhlmann & Gisler 2005, ch. 4).

The estimators match R actuar's ``cm(..., method = "unbiased")``: a pooled within-risk
variance, the unbiased between-risk variance and a *credibility-weighted* collective mean
(not the exposure-weighted one; see shared/OFFLINE.md for the Hachemeister reference).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def within_variance(ratios: np.ndarray, weights: np.ndarray) -> float:
    """Return the pooled within-risk variance sigma^2 (per unit weight).

    Args:
        ratios: (risks, periods) observed ratios; NaN where there is no observation.
        weights: (risks, periods) weights; 0 or NaN where there is no observation.

    Returns:
        sum_i sum_j w_ij (X_ij - X_i)^2 / sum_i (n_i - 1).
    """
    w = np.nan_to_num(weights, nan=0.0)
    x = np.where(w > 0, np.nan_to_num(ratios, nan=0.0), 0.0)
    w_i = w.sum(axis=1)
    mean_i = np.divide((w * x).sum(axis=1), w_i, out=np.zeros_like(w_i), where=w_i > 0)
    n_i = (w > 0).sum(axis=1)
    dof = np.clip(n_i - 1, 0, None).sum()
    if dof == 0:
        raise ValueError("The within variance needs at least one risk with two periods.")
    return float((w * (x - mean_i[:, None]) ** 2).sum() / dof)


def between_variance(means: np.ndarray, weights: np.ndarray, sigma2: float) -> float:
    """Return the unbiased between-risk variance tau^2, truncated at 0.

    Args:
        means: (risks,) weighted individual means X_i.
        weights: (risks,) total weights w_i (risks with w_i = 0 are ignored).
        sigma2: Within-risk variance per unit weight.

    Returns:
        (sum_i w_i (X_i - X_w)^2 - (I - 1) sigma^2) / (w - sum_i w_i^2 / w), floored at 0.
    """
    keep = weights > 0
    w, x = weights[keep], means[keep]
    if w.size < 2:
        return 0.0
    total = w.sum()
    exposure_mean = (w * x).sum() / total
    numerator = (w * (x - exposure_mean) ** 2).sum() - (w.size - 1) * sigma2
    return float(max(numerator / (total - (w**2).sum() / total), 0.0))


@dataclass(frozen=True)
class BuhlmannStraubFit:
    """Structure parameters and per-risk results of a univariate fit."""

    collective_mean: float
    between_variance: float
    within_variance: float
    credibility: np.ndarray
    individual_means: np.ndarray
    premiums: np.ndarray


def fit_buhlmann_straub(ratios: np.ndarray, weights: np.ndarray) -> BuhlmannStraubFit:
    """Fit the Buhlmann-Straub model and return credibility factors and premiums.

    Args:
        ratios: (risks, periods) ratios X_ij (e.g. loss ratios, claim frequencies).
        weights: (risks, periods) weights w_ij (e.g. exposure, payroll).

    Returns:
        The fit: alpha_i = w_i / (w_i + sigma^2 / tau^2), the credibility-weighted collective
        mean and premiums collective + alpha_i (X_i - collective).
    """
    w = np.nan_to_num(weights, nan=0.0)
    x = np.where(w > 0, np.nan_to_num(ratios, nan=0.0), 0.0)
    w_i = w.sum(axis=1)
    means = np.divide((w * x).sum(axis=1), w_i, out=np.zeros_like(w_i), where=w_i > 0)
    sigma2 = within_variance(ratios, weights)
    tau2 = between_variance(means, w_i, sigma2)
    if tau2 > 0:
        alpha = w_i / (w_i + sigma2 / tau2)
        collective = float((alpha * means).sum() / alpha.sum())
    else:
        alpha = np.zeros_like(w_i)
        collective = float((w_i * means).sum() / w_i.sum())
    premiums = collective + alpha * (means - collective)
    return BuhlmannStraubFit(collective, tau2, sigma2, alpha, means, premiums)
