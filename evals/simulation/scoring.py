"""The simulator's propensity models: the shipped features and estimator, one per product.

Each product's ``PropensityClassifier`` is trained on the book's latest labelled window (who
started the product in the 12 months after ``as_of - 1 year``), as the shipped model is;
retraining rescales each product by its observed over predicted acceptances (``recalibrate``).
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from tools.catalogue.loader import Catalogue
from tools.propensity.book_frames import BookFrames
from tools.propensity.estimator import PropensityClassifier
from tools.propensity.features import (
    customer_features,
    model_columns,
    peer_counts_from,
    product_features,
)
from tools.propensity.training import HORIZON_DAYS, labelled_window

Labels = dict[str, tuple[pd.DataFrame, np.ndarray]]
"""Per product: training rows and their 0/1 labels."""
Models = dict[str, PropensityClassifier]


def window_labels(frames: BookFrames, as_of: date, catalogue: Catalogue) -> Labels:
    """Return each product's rows of the latest labelled window (customers not holding it)."""
    common, bought = labelled_window(frames, as_of - timedelta(days=HORIZON_DAYS), catalogue)
    peers = peer_counts_from(common, catalogue.codes)
    columns = model_columns(catalogue.codes)
    labels: Labels = {}
    for code in catalogue.codes:
        rows = common[f"own_{code}"] == 0
        frame = product_features(common[rows], catalogue, code, peers)[columns]
        labels[code] = (frame, bought.loc[rows, code].to_numpy())
    return labels


def fit_models(labels: Labels, C: float) -> Models:
    """Fit one classifier per product that has both labels."""
    return {
        code: PropensityClassifier(C=C).fit(frame, y)
        for code, (frame, y) in labels.items()
        if 0 < int(y.sum()) < len(y)
    }


def current_features(
    frames: BookFrames, as_of: date, catalogue: Catalogue
) -> dict[str, pd.DataFrame]:
    """Return each product's model input for every customer on ``as_of`` (holders included)."""
    common = customer_features(frames, as_of, catalogue.codes)
    peers = peer_counts_from(common, catalogue.codes)
    columns = model_columns(catalogue.codes)
    return {
        code: product_features(common, catalogue, code, peers)[columns] for code in catalogue.codes
    }


def score(models: Models, features: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Return customers x products probabilities (NaN for products without a model)."""
    first = next(iter(features.values()))
    out = pd.DataFrame(index=first.index, columns=list(features), dtype=float)
    for code, model in models.items():
        out[code] = model.predict_proba(features[code])[:, 1]
    return out


def recalibrate(
    scores: pd.DataFrame, outcomes: list[tuple[str, str, bool]], prior: float = 2.0
) -> pd.DataFrame:
    """Return the scores with each product rescaled by its observed over predicted acceptances.

    ``(accepted + prior) / (sum of predicted probabilities of its offers + prior)``: a product
    the model over-rates among the customers it was offered to is ranked down, one it
    under-rates up; products without offers keep their scores.
    """
    out = scores.copy()
    by_product: dict[str, list[tuple[str, bool]]] = {}
    for customer, code, accepted in outcomes:
        by_product.setdefault(code, []).append((customer, accepted))
    for code, rows in by_product.items():
        predicted = float(sum(scores.loc[c, code] for c, _ in rows))
        out[code] = scores[code] * (sum(a for _, a in rows) + prior) / (predicted + prior)
    return out
