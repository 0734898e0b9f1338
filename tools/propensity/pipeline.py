"""Train the shipped propensity model and describe it (metrics, calibration, fairness)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tools.catalogue.loader import Catalogue
from tools.propensity.book_frames import BookFrames
from tools.propensity.evaluation import (
    Oracle,
    contribution_shares,
    reliability,
    same_window_holdout,
    summarise,
    time_holdout,
)
from tools.propensity.features import customer_features, peer_counts_from
from tools.propensity.model import PropensityModel
from tools.propensity.training import DEFAULT_C, HORIZON_DAYS, fit_window
from tools.registry import ModelMetadata, fairness_check, new_version

LIMITS = [
    "Trained on the synthetic book: figures describe the generator, not real customers.",
    "Portal, download and quote-request events in the synthetic book span its last three"
    " years, so every snapshot has them; the quote-request feature counts requests for any"
    " product, and only purchases early in a 12-month window follow a request that falls in"
    " the 90 days before its feature date.",
    "Products with fewer than 8 buyers in the training window are scored by the pooled"
    " all-products model only: their drivers are generic, not product-specific.",
    "The synthetic book's earlier purchases follow another process than the latest year's,"
    " so the time-based holdout under-predicts (see its reliability table); the shipped"
    " model is refitted on the latest window.",
    "Contributions are in log-odds relative to an average customer; they explain the model,"
    " not causes.",
]


def train_propensity(
    frames: BookFrames,
    book_date: date,
    catalogue: Catalogue,
    oracle: Oracle | None,
    data_source: str,
    C: float | str = DEFAULT_C,
) -> tuple[PropensityModel, ModelMetadata]:
    """Evaluate on the holdouts, fit the shipped model on the latest window, build metadata.

    Args:
        frames: The book frames.
        book_date: The book's as-of date.
        catalogue: The product catalogue.
        oracle: True purchase probabilities (synthetic books only) for the oracle comparison.
        data_source: Where the data came from (recorded in the metadata).
        C: Regularisation of every per-product classifier.

    Returns:
        The fitted model and its metadata (version, metrics, calibration, fairness).
    """
    metrics, pooled = time_holdout(frames, book_date, catalogue, oracle, C)
    same_window, pooled_same = same_window_holdout(frames, book_date, catalogue, oracle, C)
    latest = book_date - timedelta(days=HORIZON_DAYS)
    model = fit_window(frames, latest, catalogue, C)
    model.peers = peer_counts_from(
        customer_features(frames, book_date, catalogue.codes), catalogue.codes
    )
    shares = contribution_shares(
        model, customer_features(frames, latest, catalogue.codes), catalogue
    )
    pooled_codes = [c for c, p in model.products.items() if p.classifier is None]
    trained_at = datetime.now(UTC)
    metadata = ModelMetadata(
        kind="propensity",
        version=new_version("propensity", trained_at),
        trained_at=trained_at,
        data_snapshot=latest.isoformat(),
        data_source=data_source,
        n_rows=max((p.n_train for p in model.products.values()), default=0),
        features=model.columns,
        learner=f"per product: PropensityClassifier (L2 logistic regression, C={C}) blended"
        " (mean log-odds) with one pooled all-products PropensityClassifier",
        metrics={
            "time_holdout": summarise(metrics),
            "same_window_holdout": summarise(same_window),
            **metrics,
        },
        calibration={
            "all products, time-based holdout": reliability(pooled),
            "all products, same-window holdout": reliability(pooled_same),
        },
        fairness=fairness_check(model.columns, shares),
        limits=LIMITS,
        notes={
            "Windows": f"features on {latest - timedelta(days=HORIZON_DAYS)} -> purchases in the"
            f" next 12 months (holdout training); tested on features of {latest} -> purchases"
            f" up to {book_date}; shipped model refitted on the latest window.",
            "Products scored by the pooled model only (too few buyers)": ", ".join(pooled_codes)
            or "none",
        },
    )
    return model, metadata
