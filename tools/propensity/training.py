"""Train one propensity model per product from the book, with a time-based holdout.

Why one model per product: products differ in who buys them (a fleet buyer is not a D&O
buyer), and separate models give each product its own drivers in plain words. A pooled
model would need product x feature interactions to say the same thing, with more variance.
Products with fewer than ``MIN_POSITIVES`` buyers in the training window get their base
rate (no drivers) and the model card says so.

Windows: features on date ``t`` use only data up to ``t``; the label is "started a policy
of product k in (t, t + 12 months]"; only customers not holding k on ``t`` are rows.
The holdout trains on the window ending 12 months before the book date and tests on the
latest window; the shipped model is then refitted on the latest window.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

from tools.catalogue.loader import Catalogue
from tools.propensity.book_frames import BookFrames, bought_between
from tools.propensity.estimator import PropensityClassifier
from tools.propensity.features import customer_features, model_columns, product_features

MIN_POSITIVES = 8
HORIZON_DAYS = 365
DEFAULT_C = 0.05


@dataclass
class ProductModel:
    """The fitted model of one product (or its base rate when buyers were too few)."""

    code: str
    classifier: PropensityClassifier | None
    base_rate: float
    n_train: int
    positives: int


@dataclass
class PropensityModel:
    """Per-product classifiers plus what is needed to rebuild their inputs."""

    codes: list[str]
    columns: list[str]
    products: dict[str, ProductModel] = field(default_factory=dict)

    def product_frame(
        self,
        common: pd.DataFrame,
        catalogue: Catalogue,
        code: str,
        peers: pd.DataFrame | None = None,
    ) -> pd.DataFrame:
        """Return the model input of one product for customers' common features."""
        return product_features(common, catalogue, code, peers)[self.columns]

    def predict(
        self, common: pd.DataFrame, catalogue: Catalogue, peers: pd.DataFrame | None = None
    ) -> pd.DataFrame:
        """Return customers x products purchase probabilities (NaN where already held).

        Args:
            common: Customer features (:func:`customer_features`).
            catalogue: The catalogue.
            peers: Industry holder counts of the whole book; default computed from ``common``
                (right when ``common`` is the whole book, wrong for a subset).
        """
        out = pd.DataFrame(index=common.index, columns=self.codes, dtype=float)
        for code, product in self.products.items():
            held = common[f"own_{code}"].to_numpy() > 0
            if product.classifier is None:
                values = np.full(len(common), product.base_rate)
            else:
                frame = self.product_frame(common, catalogue, code, peers)
                values = product.classifier.predict_proba(frame)[:, 1]
            out[code] = np.where(held, np.nan, values)
        return out


def labelled_window(
    frames: BookFrames, at: date, catalogue: Catalogue
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return common features on ``at`` and the 0/1 purchases in the following 12 months."""
    common = customer_features(frames, at, catalogue.codes)
    bought = bought_between(frames.policies, at, at + timedelta(days=HORIZON_DAYS), catalogue.codes)
    return common, bought.reindex(common.index, fill_value=0)


def fit_product(
    common: pd.DataFrame, bought: pd.DataFrame, catalogue: Catalogue, code: str, C: float
) -> ProductModel:
    """Fit the model of one product on customers not holding it."""
    rows = common[f"own_{code}"] == 0
    frame = product_features(common[rows], catalogue, code)[model_columns(catalogue.codes)]
    y = bought.loc[rows, code].to_numpy()
    positives = int(y.sum())
    base_rate = float((positives + 0.5) / (len(y) + 1.0))
    if positives < MIN_POSITIVES or positives == len(y):
        return ProductModel(code, None, base_rate, len(y), positives)
    classifier = PropensityClassifier(C=C).fit(frame, y)
    return ProductModel(code, classifier, base_rate, len(y), positives)


def fit_window(
    frames: BookFrames, at: date, catalogue: Catalogue, C: float = DEFAULT_C
) -> PropensityModel:
    """Fit every product's model on the window starting at ``at``."""
    common, bought = labelled_window(frames, at, catalogue)
    model = PropensityModel(codes=list(catalogue.codes), columns=model_columns(catalogue.codes))
    for code in catalogue.codes:
        model.products[code] = fit_product(common, bought, catalogue, code, C)
    return model


def latest_window_start(book_date: date) -> date:
    """Return the feature date of the newest fully observed 12-month window."""
    return book_date - timedelta(days=HORIZON_DAYS)
