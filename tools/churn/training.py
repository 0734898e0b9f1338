"""Train the 12-month churn model (same estimator and features as propensity).

Label: a customer with a policy in force on the snapshot date (12 months before the book
date) who has no policy in force on the book date has churned. Features are measured on
the snapshot date only. The synthetic book has churn only in its latest year, so the holdout
is a random 30% of customers of that window (not an earlier period); the card says so.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np
import pandas as pd

from tools.catalogue.loader import Catalogue
from tools.propensity.book_frames import BookFrames, holdings_matrix
from tools.propensity.estimator import PropensityClassifier
from tools.propensity.features import CATEGORICAL, COMMON_NUMERIC, customer_features
from tools.propensity.metrics import ranking_metrics, reliability_table
from tools.registry import ModelMetadata, fairness_check, new_version

HORIZON_DAYS = 365
CHURN_C = 0.1
LIMITS = [
    "Trained on the synthetic book: figures describe the generator, not real customers.",
    "The synthetic book only has churn in its latest year: the holdout is a random 30% of"
    " that year's customers, not a later period.",
    "Churn means every policy ended; partial lapses (one product dropped) are not churn here.",
]


def churn_columns(codes: list[str]) -> list[str]:
    """Return the churn model's input columns."""
    return [*COMMON_NUMERIC, *CATEGORICAL, *[f"own_{c}" for c in codes]]


def churn_window(
    frames: BookFrames, book_date: date, codes: list[str]
) -> tuple[pd.DataFrame, np.ndarray]:
    """Return features on the snapshot date and the churned-by-book-date labels."""
    snapshot = book_date - timedelta(days=HORIZON_DAYS)
    common = customer_features(frames, snapshot, codes)
    still = holdings_matrix(frames.policies, book_date, codes).sum(axis=1) > 0
    label = ~common.index.isin(still[still].index)
    return common[churn_columns(codes)], label.astype(int)


def train_churn(
    frames: BookFrames, book_date: date, catalogue: Catalogue, data_source: str
) -> tuple[PropensityClassifier, ModelMetadata]:
    """Evaluate on a customer holdout, refit on all customers, and describe the model.

    Args:
        frames: The book frames.
        book_date: The book's as-of date.
        catalogue: The catalogue (product codes).
        data_source: Where the data came from.

    Returns:
        The fitted classifier and its metadata.
    """
    X, y = churn_window(frames, book_date, catalogue.codes)
    test = np.random.default_rng(1).uniform(size=len(y)) < 0.3
    holdout = PropensityClassifier(C=CHURN_C).fit(X[~test], y[~test])
    scores = holdout.predict_proba(X[test])[:, 1]
    model = PropensityClassifier(C=CHURN_C).fit(X, y)
    shares = model.contributions(X).abs().mean()
    trained_at = datetime.now(UTC)
    metadata = ModelMetadata(
        kind="churn",
        version=new_version("churn", trained_at),
        trained_at=trained_at,
        data_snapshot=(book_date - timedelta(days=HORIZON_DAYS)).isoformat(),
        data_source=data_source,
        n_rows=len(y),
        features=list(X.columns),
        learner=f"PropensityClassifier (L2 logistic regression, C={CHURN_C})",
        metrics={
            "churn_12m_customer_holdout": {
                k: round(float(v), 4) for k, v in ranking_metrics(y[test], scores).items()
            },
            "churn_rate": round(float(y.mean()), 4),
        },
        calibration={"churn, customer holdout": reliability_table(y[test], scores)},
        fairness=fairness_check(list(X.columns), (shares / shares.sum()).to_dict()),
        limits=LIMITS,
        notes={
            "CLV": "CLV = expected discounted margin over the expected remaining lifetime"
            " plus cross-sell potential; see tools/churn/clv.py for the assumptions."
        },
    )
    return model, metadata
