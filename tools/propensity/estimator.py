"""A scikit-learn classifier for tabular data with exact, signed per-feature contributions.

Why this learner: the CoIL 2000 lesson (van der Putten & van Someren, 2004) is that on
noisy, low-signal insurance purchase data the variance of the learner dominates - the
winners used naive Bayes or regularised linear models with careful features, and heavy
tuning overfitted. We therefore use an L2-regularised logistic regression on
standardised numeric columns (median-imputed, with missing-value indicators) and
one-hot categorical columns (rare levels pooled). Logistic regression optimises the log
loss, so its probabilities are calibrated by construction on the training distribution
(the holdout reliability tables and Brier scores check this), and it is additive in
the log-odds, so each score decomposes *exactly* into per-feature contributions
``coef_j * (x_j - mean_j)`` around the average customer: the drivers are computed from
the model, never invented. The regularisation strength is learned per fit by inner
cross-validation (``C="auto"``, ``tools/propensity/regularisation.py``) rather than fixed,
since the right amount of shrinkage depends on how much signal the data carry.
``evals/bench/caravan.py`` compares it with fixed strengths and with gradient boosting.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import (
    _check_feature_names,
    _check_n_features,
    _check_sample_weight,
    check_is_fitted,
    validate_data,
)

from tools.propensity.regularisation import C_GRID, select_C


def _is_categorical(series: pd.Series) -> bool:
    return not pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series)


class PropensityClassifier(ClassifierMixin, BaseEstimator):
    """Regularised logistic regression on mixed numeric/categorical tables, with drivers.

    Args:
        C: Inverse L2 regularisation strength (smaller = lower variance), or ``"auto"``:
            pick it from ``C_grid`` by the lowest weighted log loss over ``inner_folds``
            stratified inner folds of the training rows, then refit on all of them.
        C_grid: Candidate strengths for ``C="auto"``.
        inner_folds: Inner folds for ``C="auto"`` (fewer when a class has fewer rows).
        min_category_frequency: Categorical levels rarer than this (count) are pooled.
        class_weight: Passed to the logistic regression (``None`` keeps probabilities
            calibrated; ``"balanced"`` does not).
        max_iter: Solver iteration cap.
        solver: Logistic-regression solver; Newton-Cholesky is fast and exact for the
            few hundred encoded columns tabular books have.

    Attributes:
        classes_: Class labels seen in ``fit``.
        n_features_in_: Number of input columns.
        feature_names_in_: Column names, when ``X`` was a DataFrame with string names.
        numeric_features_: Input columns treated as numbers.
        categorical_features_: Input columns treated as categories.
        n_iter_: Solver iterations used.
        C_: Regularisation strength used for the final fit.
        cv_log_loss_: With ``C="auto"``: the inner-cross-validated log loss of each
            ``C_grid`` value tried, by C (empty when a class had fewer than two rows).
        pipeline_: The fitted preprocessing + logistic regression pipeline.
        encoded_means_: Mean of each encoded column on the training data (the reference
            point contributions are measured from).
    """

    def __init__(
        self,
        C: float | str = "auto",
        C_grid: tuple[float, ...] = C_GRID,
        inner_folds: int = 3,
        min_category_frequency: int = 10,
        class_weight: dict[Any, float] | str | None = None,
        max_iter: int = 1000,
        solver: str = "newton-cholesky",
    ) -> None:
        self.C = C
        self.C_grid = C_grid
        self.inner_folds = inner_folds
        self.min_category_frequency = min_category_frequency
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.solver = solver

    def __sklearn_tags__(self) -> Any:
        """Declare that missing values are handled (imputed) and strings are accepted."""
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        tags.input_tags.string = True
        return tags

    def _frame(self, X: Any, reset: bool) -> pd.DataFrame:
        if isinstance(X, pd.DataFrame) and not reset and len(X):
            # Scoring a frame: check names and width only; converting 100k mixed-type rows to
            # an object array (what full validation does) costs more than the model itself.
            _check_feature_names(self, X, reset=False)
            _check_n_features(self, X, reset=False)
            frame = X.copy()
            frame.columns = [str(c) for c in frame.columns]
            return frame
        frame_in = X if isinstance(X, pd.DataFrame) else None
        arr = validate_data(
            self, X, reset=reset, dtype=None, ensure_all_finite=False, ensure_min_features=1
        )
        if frame_in is not None:
            frame = frame_in.copy()
            frame.columns = [str(c) for c in frame.columns]
            return frame
        frame = pd.DataFrame(np.asarray(arr), columns=[f"x{i}" for i in range(arr.shape[1])])
        if arr.dtype == object:
            for column in frame.columns:
                converted = pd.to_numeric(frame[column], errors="coerce")
                if converted.notna().sum() == frame[column].notna().sum():
                    frame[column] = converted
        return frame

    def _preprocessor(self, frame: pd.DataFrame) -> ColumnTransformer:
        self.categorical_features_ = [c for c in frame.columns if _is_categorical(frame[c])]
        self.numeric_features_ = [c for c in frame.columns if c not in self.categorical_features_]
        numeric = make_pipeline(
            SimpleImputer(strategy="median", add_indicator=True, keep_empty_features=True),
            StandardScaler(),
        )
        categorical = make_pipeline(
            SimpleImputer(strategy="constant", fill_value="missing"),
            OneHotEncoder(
                handle_unknown="infrequent_if_exist",
                min_frequency=self.min_category_frequency,
                sparse_output=False,
            ),
        )
        return ColumnTransformer(
            [
                ("num", numeric, self.numeric_features_),
                ("cat", categorical, self.categorical_features_),
            ],
            verbose_feature_names_out=False,
        )

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> PropensityClassifier:
        """Fit the model, choosing ``C`` by inner cross-validation when it is ``"auto"``.

        Args:
            X: DataFrame (numeric and categorical columns) or 2-D array, shape (n, p).
            y: Class labels, shape (n,).
            sample_weight: Non-negative row weights, shape (n,); ``None`` weighs rows equally.
                They weigh the log loss, the inner cross-validation, the scaler and the
                contributions' reference point (the median imputation stays unweighted).

        Returns:
            self.
        """
        validate_data(self, X, y, dtype=None, ensure_all_finite=False)
        check_classification_targets(y)
        y_arr = np.asarray(y).ravel() if not isinstance(y, pd.Series) else y.to_numpy()
        frame = self._frame(X, reset=True)
        if frame.shape[1] == 0:
            raise ValueError("PropensityClassifier needs at least one feature column.")
        weight = _check_sample_weight(sample_weight, frame, ensure_non_negative=True)
        categorical = [c for c in frame.columns if _is_categorical(frame[c])]
        frame[categorical] = frame[categorical].astype(object)
        prep = self._preprocessor(frame)
        encoded = self._fit_encoding(prep, frame, weight)
        if self.C == "auto":
            make = partial(self._logistic, warm_start=True)
            self.C_, self.cv_log_loss_ = select_C(
                make, encoded, y_arr, weight, self.C_grid, self.inner_folds
            )
        else:
            self.C_ = float(self.C)
        logistic = self._logistic(self.C_).fit(encoded, y_arr, sample_weight=weight)
        self.pipeline_ = Pipeline([("prep", prep), ("lr", logistic)])
        self.classes_ = logistic.classes_
        self.n_iter_ = logistic.n_iter_
        self.encoded_means_ = np.average(encoded, axis=0, weights=weight)
        return self

    def _logistic(self, C: float, warm_start: bool = False) -> LogisticRegression:
        return LogisticRegression(
            C=C,
            class_weight=self.class_weight,
            max_iter=self.max_iter,
            solver=self.solver,
            warm_start=warm_start,
        )

    def _fit_encoding(
        self, prep: ColumnTransformer, frame: pd.DataFrame, weight: np.ndarray
    ) -> np.ndarray:
        encoded = prep.fit_transform(frame)
        if self.numeric_features_ and np.ptp(weight) > 0:
            # Refit the scaler with the row weights, so that weight 2 standardises (and so
            # penalises) like a duplicated row; ColumnTransformer cannot route the weights.
            imputer, scaler = prep.named_transformers_["num"]
            scaler.fit(imputer.transform(frame[self.numeric_features_]), sample_weight=weight)
            encoded = prep.transform(frame)
        return np.asarray(encoded, dtype=float)

    def _prepared(self, X: Any) -> pd.DataFrame:
        check_is_fitted(self, "pipeline_")
        frame = self._frame(X, reset=False)
        frame[self.categorical_features_] = frame[self.categorical_features_].astype(object)
        return frame

    def predict_proba(self, X: Any) -> np.ndarray:
        """Return class probabilities, shape (n, n_classes), columns in ``classes_`` order."""
        frame = self._prepared(X)
        return np.asarray(self.pipeline_.predict_proba(frame))

    def decision_function(self, X: Any) -> np.ndarray:
        """Return the log-odds (binary) or per-class scores (multiclass)."""
        frame = self._prepared(X)
        return np.asarray(self.pipeline_.decision_function(frame))

    def predict(self, X: Any) -> np.ndarray:
        """Return the most probable class of each row."""
        proba = self.predict_proba(X)
        return np.asarray(self.classes_[np.argmax(proba, axis=1)])

    def contributions(self, X: Any) -> pd.DataFrame:
        """Return each input column's signed log-odds contribution for each row (binary only).

        The contributions of a row plus ``intercept_logit()`` sum exactly to its log-odds of
        the positive class: they are measured from the average training row, so a positive
        value pushes the probability up relative to an average customer.

        Args:
            X: Rows to explain, same columns as in ``fit``.

        Returns:
            DataFrame (rows x input columns) of contributions in log-odds units.
        """
        frame = self._prepared(X)
        if len(self.classes_) != 2:
            raise ValueError("Contributions are defined for binary problems only.")
        prep = self.pipeline_[:-1]
        encoded = np.asarray(prep.transform(frame), dtype=float)
        coef = self.pipeline_[-1].coef_[0]
        parts = (encoded - self.encoded_means_) * coef
        owner = self._encoded_owner(prep.get_feature_names_out())
        out = pd.DataFrame(parts).T.groupby(owner).sum().T
        out.index = frame.index
        return out.reindex(columns=self.numeric_features_ + self.categorical_features_)

    def intercept_logit(self) -> float:
        """Return the log-odds of an average training row (the contributions' baseline)."""
        lr = self.pipeline_[-1]
        return float(lr.intercept_[0] + self.encoded_means_ @ lr.coef_[0])

    def _encoded_owner(self, encoded_names: np.ndarray) -> list[str]:
        owners = []
        inputs = sorted(self.numeric_features_ + self.categorical_features_, key=len, reverse=True)
        for name in encoded_names:
            base = name.removeprefix("missingindicator_")
            owners.append(next(c for c in inputs if base == c or base.startswith(f"{c}_")))
        return owners
