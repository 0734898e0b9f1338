"""Holdout evaluation of the propensity models, recorded in the model card.

Two holdouts, both honest:
- time-based (the headline): fit on the window that ends 12 months before the book date,
  score every customer on the latest snapshot, compare with what they bought since;
- same-window: fit on half the customers of the latest window, test on the other half
  (how well the latest window's pattern is learnt, with no drift between windows).
The oracle comparison uses the generator's true purchase probabilities of the latest
window; it is read here for evaluation only, never by the scoring tools.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from tools.catalogue.loader import Catalogue
from tools.propensity.book_frames import BookFrames
from tools.propensity.features import peer_counts_from
from tools.propensity.metrics import oracle_agreement, ranking_metrics, reliability_table
from tools.propensity.model import PropensityModel
from tools.propensity.training import (
    HORIZON_DAYS,
    fit_all,
    fit_window,
    labelled_window,
)

Oracle = dict[str, dict[str, float]]


def _score_table(
    model: PropensityModel,
    common: pd.DataFrame,
    bought: pd.DataFrame,
    catalogue: Catalogue,
    oracle: Oracle | None,
    peers: pd.DataFrame | None = None,
) -> tuple[dict[str, dict[str, float]], pd.DataFrame]:
    predicted = model.predict(common, catalogue, peers)
    metrics: dict[str, dict[str, float]] = {}
    pooled = []
    for code in catalogue.codes:
        rows = predicted[code].notna()
        y = bought.loc[rows, code].to_numpy().astype(int)
        p = predicted.loc[rows, code].to_numpy()
        result = ranking_metrics(y, p)
        if oracle is not None:
            truth = np.array([oracle.get(c, {}).get(code, 0.0) for c in predicted.index[rows]])
            result |= oracle_agreement(y, p, truth)
        metrics[code] = {k: round(float(v), 4) for k, v in result.items()}
        pooled.append(pd.DataFrame({"y": y, "p": p}))
    return metrics, pd.concat(pooled, ignore_index=True)


def time_holdout(
    frames: BookFrames, book_date: date, catalogue: Catalogue, oracle: Oracle | None, C: float | str
) -> tuple[dict[str, dict[str, float]], pd.DataFrame]:
    """Fit on the earlier window, test on the latest; return per-product metrics and pooled rows."""
    latest = book_date - timedelta(days=HORIZON_DAYS)
    model = fit_window(frames, latest - timedelta(days=HORIZON_DAYS), catalogue, C)
    common, bought = labelled_window(frames, latest, catalogue)
    return _score_table(model, common, bought, catalogue, oracle)


def same_window_holdout(
    frames: BookFrames, book_date: date, catalogue: Catalogue, oracle: Oracle | None, C: float | str
) -> tuple[dict[str, dict[str, float]], pd.DataFrame]:
    """Fit on a random half of the latest window's customers and test on the other half."""
    common, bought = labelled_window(frames, book_date - timedelta(days=HORIZON_DAYS), catalogue)
    train = np.random.default_rng(0).uniform(size=len(common)) < 0.5
    peers = peer_counts_from(common, catalogue.codes)
    model = fit_all(common[train], bought[train], catalogue, C, peers)
    return _score_table(model, common[~train], bought[~train], catalogue, oracle, peers)


def summarise(metrics: dict[str, dict[str, float]]) -> dict[str, float]:
    """Return the mean of each metric over products (NaNs ignored)."""
    table = pd.DataFrame(metrics).T
    return {f"mean_{k}": round(float(v), 4) for k, v in table.mean(numeric_only=True).items()}


def contribution_shares(
    model: PropensityModel, common: pd.DataFrame, catalogue: Catalogue
) -> dict[str, float]:
    """Return each input feature's share of the mean absolute contribution over all products."""
    total = pd.Series(0.0, index=model.columns)
    for code, product in model.products.items():
        rows = common[f"own_{code}"] == 0
        frame = model.product_frame(common[rows], catalogue, code)
        total = total.add(product.contributions(frame).abs().mean(), fill_value=0.0)
    share = total / total.sum() if total.sum() > 0 else total
    return {k: float(v) for k, v in share.items()}


def reliability(pooled: pd.DataFrame) -> list[dict[str, Any]]:
    """Return the reliability table of pooled holdout rows (all products)."""
    return reliability_table(pooled["y"].to_numpy(), pooled["p"].to_numpy())
