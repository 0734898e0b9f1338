"""Multivariate Buhlmann-Straub credibility across products (Thuring et al.; Buhlmann & Gisler 7).

Per customer i and product k we observe claim counts N_ik and a-priori expected counts
lambda_ik (tariff frequency x exposure years; 0 when the product is not owned). With
F_ik = N_ik / lambda_ik the estimator is

    theta_i = theta_0 + alpha_i (F_i - theta_0),   alpha_i = T Lambda_i (T Lambda_i + S)^-1,

so a product the customer does not own (lambda_ik = 0, zero column in alpha_i) still gets a
risk profile theta_ik from the products they own, through the covariances in T.

Structure parameters:
- S = diag(sigma_k^2): under the paper's Poisson assumption Var(F_ik | Theta) = theta_ik /
  lambda_ik, hence sigma_k^2 = theta_0k; a period-based estimate can be passed instead.
- T: the diagonal is the univariate unbiased between variance of each product; an
  off-diagonal tau_kl is the unbiased moment estimator over customers owning both products,
  sum_i v_i (F_ik - Fbar_k)(F_il - Fbar_l) / sum_i v_i c_i, with c_i the bias correction of
  the estimated means and v_i = alpha_ik alpha_il (inverse-variance weights). T is then
  made positive semi-definite through its correlation matrix (correlations clipped to
  [-1, 1], negative eigenvalues set to 0, unit diagonal restored), so the diagonal stays.
- theta_0: per product the credibility-weighted mean of F (as in the univariate model and
  actuar); S and T are estimated around the exposure-weighted mean sum N / sum lambda.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tools.credibility.buhlmann_straub import between_variance


@dataclass(frozen=True)
class CredibilityStructure:
    """Fitted structure parameters of the multivariate model (K products)."""

    theta0: np.ndarray
    T: np.ndarray
    S: np.ndarray
    products: list[str]


def _ratios(counts: np.ndarray, expected: np.ndarray, fill: np.ndarray) -> np.ndarray:
    safe = np.where(expected > 0, expected, 1.0)
    return np.where(expected > 0, counts / safe, fill[None, :])


def _diagonal(F: np.ndarray, L: np.ndarray, sigma2: np.ndarray) -> np.ndarray:
    return np.array([between_variance(F[:, k], L[:, k], sigma2[k]) for k in range(F.shape[1])])


def _covariance(F: np.ndarray, L: np.ndarray, k: int, m: int, alpha: np.ndarray) -> float:
    both = (L[:, k] > 0) & (L[:, m] > 0)
    if both.sum() < 3:
        return 0.0
    wk, wm = L[both, k], L[both, m]
    Wk, Wm = wk.sum(), wm.sum()
    dk = F[both, k] - (wk * F[both, k]).sum() / Wk
    dm = F[both, m] - (wm * F[both, m]).sum() / Wm
    v = alpha[both, k] * alpha[both, m]
    correction = 1 - wk / Wk - wm / Wm + (wk * wm).sum() / (Wk * Wm)
    denominator = (v * correction).sum()
    return float((v * dk * dm).sum() / denominator) if denominator > 0 else 0.0


def _psd(matrix: np.ndarray) -> np.ndarray:
    # Project the *correlation* matrix onto the PSD cone and keep the diagonal: noisy
    # cross-product covariances must not inflate the (better estimated) variances.
    diag = np.clip(np.diag(matrix), 0, None)
    scale = np.sqrt(diag)
    live = scale > 0
    corr = np.zeros_like(matrix)
    corr[np.ix_(live, live)] = matrix[np.ix_(live, live)] / np.outer(scale[live], scale[live])
    corr = np.clip((corr + corr.T) / 2, -1.0, 1.0)
    values, vectors = np.linalg.eigh(corr)
    corr = (vectors * np.clip(values, 0, None)) @ vectors.T
    unit = np.sqrt(np.clip(np.diag(corr), 1e-12, None))
    corr = corr / np.outer(unit, unit)
    return np.asarray(corr * np.outer(scale, scale))


def estimate_T(F: np.ndarray, L: np.ndarray, sigma2: np.ndarray) -> np.ndarray:
    """Return the between-customer covariance matrix T (positive semi-definite).

    Args:
        F: (I, K) observed / expected ratios (any value where L is 0).
        L: (I, K) a-priori expected counts (0 = not owned).
        sigma2: (K,) within variances per unit of expected count.
    """
    diag = _diagonal(F, L, sigma2)
    K = F.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        alpha = np.where(diag > 0, L / (L + sigma2 / np.where(diag > 0, diag, 1.0)), 0.0)
    T = np.diag(diag)
    for k in range(K):
        for m in range(k + 1, K):
            if diag[k] > 0 and diag[m] > 0:
                T[k, m] = T[m, k] = _covariance(F, L, k, m, alpha)
    return _psd(T)


def credibility_weights(L: np.ndarray, T: np.ndarray, S: np.ndarray) -> np.ndarray:
    """Return alpha_i = T Lambda_i (T Lambda_i + S)^-1 for every customer, shape (I, K, K)."""
    scaled = L[:, :, None] * T[None, :, :]  # Lambda_i T, the transpose of T Lambda_i
    system = scaled + np.diag(S)[None, :, :]
    return np.asarray(np.linalg.solve(system, scaled).transpose(0, 2, 1))


def _credibility_mean(
    F: np.ndarray, L: np.ndarray, T: np.ndarray, S: np.ndarray, fallback: np.ndarray
) -> np.ndarray:
    # Per product, the univariate credibility-weighted mean sum_i a_ik F_ik / sum_i a_ik with
    # a_ik = lambda_ik / (lambda_ik + sigma_k^2 / tau_kk): stable on small books, where the
    # full matrix form (sum_i alpha_i)^-1 sum_i alpha_i F_i is badly conditioned.
    tau = np.diag(T)
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(tau > 0, L / (L + S / np.where(tau > 0, tau, 1.0)), 0.0)
    total = a.sum(axis=0)
    weighted = (a * F).sum(axis=0)
    return np.where(total > 1e-9, weighted / np.where(total > 1e-9, total, 1.0), fallback)


def fit_multivariate(
    counts: np.ndarray,
    expected: np.ndarray,
    products: list[str],
    sigma2: np.ndarray | None = None,
    min_claims: int = 20,
) -> CredibilityStructure:
    """Estimate (theta_0, T, S) from claim counts and a-priori expected counts.

    Args:
        counts: (I, K) observed claim counts N_i.k.
        expected: (I, K) a-priori expected counts lambda_i.k (0 = not owned).
        products: The K product codes, in column order.
        sigma2: Optional (K,) within variances; default the Poisson value theta_0k.
        min_claims: Products with fewer claims in total get no random effect (their row and
            column of T are 0): a handful of claims cannot estimate a variance.

    Returns:
        The fitted structure.
    """
    L = np.asarray(expected, dtype=float)
    N = np.asarray(counts, dtype=float)
    exposure = L.sum(axis=0)
    mean = np.divide(N.sum(axis=0), exposure, out=np.ones(L.shape[1]), where=exposure > 0)
    S = np.clip(sigma2 if sigma2 is not None else mean, 1e-6, None)
    F = _ratios(N, L, mean)
    T = estimate_T(F, L, S)
    thin = N.sum(axis=0) < min_claims
    T[thin, :], T[:, thin] = 0.0, 0.0
    theta0 = _credibility_mean(F, L, T, S, mean)
    return CredibilityStructure(theta0=theta0, T=T, S=S, products=list(products))


def predict_theta(
    structure: CredibilityStructure, counts: np.ndarray, expected: np.ndarray
) -> np.ndarray:
    """Return theta_i (I, K): each customer's expected claims relative to the tariff, per product.

    Args:
        structure: Fitted structure parameters.
        counts: (I, K) claim counts on owned products.
        expected: (I, K) a-priori expected counts (0 = not owned).
    """
    L = np.asarray(expected, dtype=float)
    F = _ratios(np.asarray(counts, dtype=float), L, structure.theta0)
    alpha = credibility_weights(L, structure.T, structure.S)
    return np.asarray(structure.theta0 + np.einsum("ikl,il->ik", alpha, F - structure.theta0))
