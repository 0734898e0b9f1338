"""The paper's experiment (Thuring et al., Table 2) on our book: hide one owned product.

For product k, take the customers who hold k and at least one other product, pretend k is
not owned (its exposure and claims set to 0), estimate theta_ik from the other products,
order customers by it and cut them into quintiles Phi_1..Phi_5. For each group the
deviation between observed and a-priori expected claims on k is
100 (sum n_ik / sum lambda_ik - 1) %: a useful profile puts the positive deviations in Phi_5.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tools.credibility.book_model import CredibilityModel, Experience
from tools.credibility.multivariate import predict_theta


def deviation(counts: np.ndarray, expected: np.ndarray) -> float:
    """Return 100 (sum n / sum lambda - 1), the observed-vs-expected deviation in percent."""
    total = float(np.sum(expected))
    return float(100.0 * (np.sum(counts) / total - 1.0)) if total > 0 else float("nan")


def hide_one_product(
    model: CredibilityModel, experience: Experience, code: str, seed: int = 0
) -> dict[str, float]:
    """Run the experiment for one product; return Phi_1..Phi_5, Phi_1-4, random splits.

    Args:
        model: Fitted credibility model (tariffs and structure).
        experience: Claims experience of the book.
        code: The product to hide.
        seed: Seed of the random 80/20 ordering shown for comparison.

    Returns:
        Deviations in percent keyed ``Phi1``..``Phi5``, ``Phi1-4``, ``random80``,
        ``random20``, plus ``customers``.
    """
    if model.structure is None:
        raise ValueError("The credibility model is not fitted.")
    k = model.codes.index(code)
    expected = model.expected(experience).to_numpy()
    counts = experience.counts.to_numpy()
    held = expected > 0
    rows = held[:, k] & (held.sum(axis=1) >= 2)
    lam_k, n_k = expected[rows, k], counts[rows, k]
    hidden_expected = expected[rows].copy()
    hidden_expected[:, k] = 0.0
    hidden_counts = counts[rows].copy()
    hidden_counts[:, k] = 0.0
    theta = predict_theta(model.structure, hidden_counts, hidden_expected)[:, k]
    order = np.argsort(theta, kind="stable")
    groups = np.array_split(order, 5)
    out = {f"Phi{m + 1}": deviation(n_k[g], lam_k[g]) for m, g in enumerate(groups)}
    best = np.concatenate(groups[:4])
    out["Phi1-4"] = deviation(n_k[best], lam_k[best])
    shuffled = np.random.default_rng(seed).permutation(len(order))
    cut = int(0.8 * len(order))
    out["random80"] = deviation(n_k[shuffled[:cut]], lam_k[shuffled[:cut]])
    out["random20"] = deviation(n_k[shuffled[cut:]], lam_k[shuffled[cut:]])
    out["customers"] = float(rows.sum())
    return out


def table2(model: CredibilityModel, experience: Experience, codes: list[str]) -> pd.DataFrame:
    """Return the experiment for several products, one row per product."""
    return pd.DataFrame({code: hide_one_product(model, experience, code) for code in codes}).T
