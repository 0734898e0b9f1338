"""Ranking and calibration metrics for binary scores: AUC, lift, capture, Brier, reliability."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.metrics import brier_score_loss, roc_auc_score


def top_share_mask(scores: np.ndarray, share: float = 0.2) -> np.ndarray:
    """Return a mask of the ``share`` highest scores (ties broken by position)."""
    order = np.argsort(-np.asarray(scores), kind="stable")
    mask = np.zeros(len(order), dtype=bool)
    mask[order[: max(1, int(round(share * len(order))))]] = True
    return mask


def ranking_metrics(y: np.ndarray, scores: np.ndarray, share: float = 0.2) -> dict[str, float]:
    """Return AUC, lift and capture at the top ``share``, Brier score and counts.

    Args:
        y: 0/1 outcomes.
        scores: Predicted probabilities.
        share: The targeted share of customers (0.2 = top 20%).

    Returns:
        ``auc`` (NaN when one class only), ``lift_top20``, ``capture_top20`` (share of all
        buyers in the top group), ``brier``, ``n`` and ``positives``.
    """
    y = np.asarray(y, dtype=int)
    scores = np.asarray(scores, dtype=float)
    positives = int(y.sum())
    top = top_share_mask(scores, share)
    base = y.mean() if len(y) else 0.0
    auc = roc_auc_score(y, scores) if 0 < positives < len(y) else float("nan")
    return {
        "auc": float(auc),
        "lift_top20": float(y[top].mean() / base) if base > 0 else float("nan"),
        "capture_top20": float(y[top].sum() / positives) if positives else float("nan"),
        "brier": float(brier_score_loss(y, scores)) if len(y) else float("nan"),
        "n": len(y),
        "positives": positives,
    }


def reliability_table(y: np.ndarray, scores: np.ndarray, bins: int = 10) -> list[dict[str, Any]]:
    """Return predicted vs observed rates in equal-count bins of the score.

    Args:
        y: 0/1 outcomes.
        scores: Predicted probabilities.
        bins: Number of bins (fewer when there are few distinct scores).

    Returns:
        One row per bin: ``bin``, ``n``, ``mean_predicted``, ``observed_rate``.
    """
    order = np.argsort(np.asarray(scores), kind="stable")
    rows = []
    for index, chunk in enumerate(np.array_split(order, min(bins, max(len(order), 1)))):
        if len(chunk) == 0:
            continue
        rows.append(
            {
                "bin": index + 1,
                "n": len(chunk),
                "mean_predicted": float(np.mean(scores[chunk])),
                "observed_rate": float(np.mean(y[chunk])),
            }
        )
    return rows


def oracle_agreement(
    y: np.ndarray, scores: np.ndarray, oracle: np.ndarray, share: float = 0.2
) -> dict[str, float]:
    """Compare a model's ranking with the ranking by the true purchase probabilities.

    Args:
        y: 0/1 outcomes.
        scores: The model's probabilities.
        oracle: The generator's true purchase probabilities for the same rows.
        share: Targeted share.

    Returns:
        ``oracle_auc`` (best achievable in expectation), ``spearman`` between the two
        rankings, ``top20_overlap`` (share of the oracle's top group the model also picks)
        and ``expected_buyers_ratio`` (expected buyers in the model's top group / the oracle's).
    """
    oracle = np.asarray(oracle, dtype=float)
    model_top, oracle_top = top_share_mask(scores, share), top_share_mask(oracle, share)
    rank_model = np.argsort(np.argsort(scores))
    rank_oracle = np.argsort(np.argsort(oracle))
    has_both = 0 < y.sum() < len(y)
    return {
        "oracle_auc": float(roc_auc_score(y, oracle)) if has_both else float("nan"),
        "spearman": float(np.corrcoef(rank_model, rank_oracle)[0, 1]),
        "top20_overlap": float((model_top & oracle_top).sum() / max(oracle_top.sum(), 1)),
        "expected_buyers_ratio": float(
            oracle[model_top].sum() / max(oracle[oracle_top].sum(), 1e-12)
        ),
    }
