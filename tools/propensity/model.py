"""The shipped propensity model: per product, its own classifier blended with a pooled one.

Each product's log-odds is the average of its own classifier's and the pooled all-products
classifier's log-odds (a product with too few buyers has only the pooled one). Both are
linear in the log-odds, so the blend still decomposes exactly into per-feature
contributions (their average). On the synthetic book the blend beat either part alone on
both holdouts - the low-variance lesson of CoIL 2000 again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from tools.catalogue.loader import Catalogue
from tools.propensity.estimator import PropensityClassifier
from tools.propensity.features import product_features


@dataclass
class ProductModel:
    """The fitted model of one product."""

    code: str
    classifier: PropensityClassifier | None  # None: too few buyers for its own model
    pooled: PropensityClassifier | None  # the all-products model (shared between products)
    base_rate: float
    n_train: int
    positives: int
    offset: float = 0.0
    """Log-odds learned from offers' outcomes and ratings (``tools/learning/offsets.py``)."""

    @property
    def members(self) -> list[PropensityClassifier]:
        """Return the classifiers whose log-odds are averaged."""
        return [m for m in (self.classifier, self.pooled) if m is not None]

    def _intercept(self) -> float:
        if not self.members:
            return float(np.log(self.base_rate / (1.0 - self.base_rate)))
        return float(np.mean([m.intercept_logit() for m in self.members]))

    def baseline(self) -> float:
        """Return the log-odds of an average customer (the contributions' reference)."""
        return self._intercept() + self.offset

    def contributions(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Return per-feature log-odds contributions (rows x features)."""
        if not self.members:
            return pd.DataFrame(0.0, index=frame.index, columns=frame.columns)
        parts = [m.contributions(frame) for m in self.members]
        return sum(parts[1:], parts[0]) / len(parts)

    def logit(self, frame: pd.DataFrame, include_offset: bool = True) -> np.ndarray:
        """Return the blended log-odds of each row (with the learned offset unless told not)."""
        offset = self.offset if include_offset else 0.0
        if not self.members:
            return np.full(len(frame), self._intercept() + offset)
        return np.mean([m.decision_function(frame) for m in self.members], axis=0) + offset

    def predict_proba(self, frame: pd.DataFrame) -> np.ndarray:
        """Return the probability of buying for each row."""
        return np.asarray(1.0 / (1.0 + np.exp(-self.logit(frame))))


@dataclass
class PropensityModel:
    """Per-product models plus what is needed to rebuild their inputs."""

    codes: list[str]
    columns: list[str]
    products: dict[str, ProductModel] = field(default_factory=dict)
    # Industry holder counts of the whole book at training time: the default peer rates when
    # a caller scores a subset of customers (a subset's own counts would be wrong).
    peers: pd.DataFrame | None = None

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
            peers: Industry holder counts of the whole book; default the counts stored at
                training, else computed from ``common``.
        """
        peers = self.peers if peers is None else peers
        out = pd.DataFrame(index=common.index, columns=self.codes, dtype=float)
        for code, product in self.products.items():
            held = common[f"own_{code}"].to_numpy() > 0
            frame = self.product_frame(common, catalogue, code, peers)
            out[code] = np.where(held, np.nan, product.predict_proba(frame))
        return out
