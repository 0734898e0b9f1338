"""Train the credibility model on the book and describe it for the registry."""

from __future__ import annotations

from datetime import UTC, date, datetime

import numpy as np

from tools.credibility.book_model import (
    TARIFF_COLUMNS,
    CredibilityModel,
    claims_experience,
    fit_credibility,
)
from tools.credibility.experiment import table2
from tools.propensity.book_frames import BookFrames
from tools.registry import ModelMetadata, fairness_check, new_version

LIMITS = [
    "Structure parameters are estimated on the same claims the Table-2 experiment evaluates"
    " (as in the paper); the experiment is in-sample.",
    "Products with fewer than 20 claims in the history window get no random effect: their"
    " theta is the book average and they inform no other product.",
    "Within variance S is the Poisson value (the paper's assumption); the synthetic claims"
    " carry extra per-policy noise, which ends up in T.",
]


def train_credibility(
    frames: BookFrames, book_date: date, codes: list[str], data_source: str
) -> tuple[CredibilityModel, ModelMetadata]:
    """Fit tariffs and structure parameters, run the Table-2 experiment, build metadata.

    Args:
        frames: The book frames.
        book_date: End of the claims history.
        codes: Product codes.
        data_source: Where the data came from.
    """
    model = fit_credibility(frames, book_date, codes)
    experience = claims_experience(frames, book_date, codes)
    assert model.structure is not None
    tau = np.diag(model.structure.T)
    informative = [c for c, t in zip(codes, tau, strict=True) if t > 0]
    experiment = table2(model, experience, informative)
    trained_at = datetime.now(UTC)
    metadata = ModelMetadata(
        kind="credibility",
        version=new_version("credibility", trained_at),
        trained_at=trained_at,
        data_snapshot=book_date.isoformat(),
        data_source=data_source,
        n_rows=len(experience.exposure),
        features=[*TARIFF_COLUMNS, "claims per product", "exposure per product"],
        learner="Poisson GLM tariff per product + multivariate Buhlmann-Straub (theta0, T, S)",
        metrics={
            code: {k: round(float(v), 2) for k, v in row.items()}
            for code, row in experiment.iterrows()
        },
        fairness=fairness_check(list(TARIFF_COLUMNS), {}),
        limits=LIMITS,
        notes={
            "Structure": "theta0: "
            + ", ".join(f"{c} {t:.3f}" for c, t in zip(codes, model.structure.theta0, strict=True))
            + "\n\ntau^2 (diagonal of T): "
            + ", ".join(f"{c} {t:.3f}" for c, t in zip(codes, tau, strict=True)),
            "Metrics": "Table-2 experiment: deviation (%) of observed vs expected claims on the"
            " hidden product per quintile Phi1 (lowest theta) .. Phi5, Phi1-4 vs Phi5 and a"
            " random 80/20 split.",
        },
    )
    return model, metadata
