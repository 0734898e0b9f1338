"""The numpy twin of a fitted :class:`PropensityClassifier`, for scoring a few rows fast.

scikit-learn validates its input on every call (DataFrame checks, dtype conversions), which
costs milliseconds per call; a copilot turn scores one customer through some twenty
classifiers. :class:`LinearScorer` holds the fitted parameters as arrays - medians and
missing-value indicators of the imputer, the scaler's mean and scale, the one-hot levels
with infrequent pooling and unknown handling, the coefficients, the intercept and the
training means of the encoded columns - and reproduces ``decision_function`` and
``contributions`` exactly (to rounding) on plain arrays.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from tools.propensity.estimator import PropensityClassifier


@dataclass(frozen=True, eq=False)
class CategoryLevels:
    """Where one categorical input's values land among the encoded columns."""

    columns: dict[Any, int]
    """Encoded column of each level seen in training (infrequent levels share one)."""
    unknown: int | None
    """Encoded column of a level not seen in training: the infrequent one, or None (all 0)."""

    def column(self, value: Any) -> int | None:
        """Return the encoded column of a value (missing values are the level ``"missing"``)."""
        if value != value:  # NaN: what the constant imputer fills (None stays a level)
            value = "missing"
        return self.columns.get(value, self.unknown)


def _levels(encoder: Any, offset: int) -> list[CategoryLevels]:
    infrequent = encoder.infrequent_categories_ if encoder._infrequent_enabled else None
    out = []
    for j, categories in enumerate(encoder.categories_):
        rare = set() if infrequent is None or infrequent[j] is None else set(infrequent[j])
        frequent = [c for c in categories if c not in rare]
        columns = {c: offset + i for i, c in enumerate(frequent)}
        pooled = offset + len(frequent) if rare else None
        columns.update({c: pooled for c in rare if pooled is not None})
        out.append(CategoryLevels(columns=columns, unknown=pooled))
        offset += len(frequent) + (1 if rare else 0)
    return out


@dataclass(frozen=True, eq=False)
class LinearScorer:
    """The fitted parameters of a binary :class:`PropensityClassifier`, as arrays."""

    numeric: tuple[str, ...]
    """Numeric input columns, in the order ``encode`` expects them."""
    categorical: tuple[str, ...]
    """Categorical input columns, in the order ``encode`` expects them."""
    medians: np.ndarray
    """Imputation value of each numeric column."""
    indicators: np.ndarray
    """Positions (among ``numeric``) of the columns with a missing-value indicator."""
    mean: np.ndarray
    """Scaler mean of the imputed numeric columns followed by the indicators."""
    scale: np.ndarray
    """Scaler scale of the same columns."""
    levels: tuple[CategoryLevels, ...]
    """One-hot layout of each categorical column."""
    n_encoded: int
    """Number of encoded columns."""
    coef: np.ndarray
    """Logistic-regression coefficient of each encoded column."""
    intercept: float
    """Logistic-regression intercept."""
    encoded_means: np.ndarray
    """Training mean of each encoded column (the contributions' reference point)."""
    grouping: np.ndarray
    """(encoded columns x inputs) 0/1 matrix: which input column owns each encoded one."""

    @property
    def features(self) -> tuple[str, ...]:
        """Return the input columns contributions are reported for, in order."""
        return self.numeric + self.categorical

    @classmethod
    def from_classifier(cls, classifier: PropensityClassifier) -> LinearScorer:
        """Extract the arrays of a fitted binary classifier.

        Raises:
            ValueError: the classifier is not binary.
            AttributeError: it is not fitted (or was saved by other code).
        """
        if len(classifier.classes_) != 2:
            raise ValueError("The fast scorer handles binary classifiers only.")
        numeric, categorical = classifier.numeric_features_, classifier.categorical_features_
        prep, logistic = classifier.pipeline_[:-1], classifier.pipeline_[-1]
        columns = prep[0].named_transformers_
        medians, indicators = np.zeros(0), np.zeros(0, dtype=int)
        mean, scale = np.zeros(0), np.ones(0)
        if numeric:
            imputer, scaler = columns["num"][0], columns["num"][-1]
            medians = np.asarray(imputer.statistics_, dtype=float)
            indicators = np.asarray(imputer.indicator_.features_, dtype=int)
            mean, scale = np.asarray(scaler.mean_), np.asarray(scaler.scale_)
        n_numeric = len(mean)
        levels = _levels(columns["cat"][-1], n_numeric) if categorical else []
        features = [*numeric, *categorical]
        owners = classifier._encoded_owner(prep.get_feature_names_out())
        grouping = np.zeros((len(owners), len(features)))
        grouping[np.arange(len(owners)), [features.index(o) for o in owners]] = 1.0
        return cls(
            numeric=tuple(numeric),
            categorical=tuple(categorical),
            medians=medians,
            indicators=indicators,
            mean=mean,
            scale=scale,
            levels=tuple(levels),
            n_encoded=len(owners),
            coef=np.asarray(logistic.coef_[0], dtype=float),
            intercept=float(logistic.intercept_[0]),
            encoded_means=np.asarray(classifier.encoded_means_, dtype=float),
            grouping=grouping,
        )

    def encode(self, numeric: np.ndarray, categorical: Sequence[Sequence[Any]]) -> np.ndarray:
        """Return the encoded rows, as the classifier's preprocessing would.

        Args:
            numeric: (rows, len(numeric)) values, NaN where missing.
            categorical: Per row, the values of the categorical columns (NaN = missing).
        """
        values = np.asarray(numeric, dtype=float)
        missing = np.isnan(values)
        imputed = np.where(missing, self.medians, values)
        block = np.hstack([imputed, missing[:, self.indicators].astype(float)])
        out = np.zeros((len(values), self.n_encoded))
        out[:, : block.shape[1]] = (block - self.mean) / self.scale
        for i, row in enumerate(categorical):
            for levels, value in zip(self.levels, row, strict=True):
                column = levels.column(value)
                if column is not None:
                    out[i, column] = 1.0
        return out

    def decision(self, encoded: np.ndarray) -> np.ndarray:
        """Return the log-odds of each encoded row."""
        return np.asarray(encoded @ self.coef + self.intercept)

    def contributions(self, encoded: np.ndarray) -> np.ndarray:
        """Return (rows x ``features``) signed log-odds contributions around the mean row."""
        return np.asarray(((encoded - self.encoded_means) * self.coef) @ self.grouping)

    def baseline(self) -> float:
        """Return the log-odds of the average training row (``intercept_logit``)."""
        return float(self.intercept + self.encoded_means @ self.coef)
