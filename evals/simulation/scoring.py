"""The simulator's models: the shipped propensity model, trained and retrained as shipped.

Model v1 is what ``copilot models train`` fits (``fit_window`` on the book's latest labelled
window: features at ``as_of - 1 year``, purchases in the following 12 months; per product its
own classifier blended with the pooled one). The retraining is the shipped one too: the same
window, plus the per-product offsets learned from the settled offers and the advisors'
ratings read back from the records (``load_feedback`` then ``apply_feedback``, the two steps
``train_propensity`` runs after its holdouts).
"""

from __future__ import annotations

import copy
from datetime import date, datetime, timedelta

import pandas as pd
from sqlalchemy.orm import Session

from tools.catalogue.loader import Catalogue
from tools.learning.feedback import load_feedback
from tools.learning.offsets import LearnedFeedback, apply_feedback
from tools.propensity.book_frames import BookFrames, load_book_frames
from tools.propensity.features import customer_features, peer_counts_from
from tools.propensity.model import PropensityModel
from tools.propensity.training import DEFAULT_C, HORIZON_DAYS, fit_window


def train_v1(
    frames: BookFrames, as_of: date, catalogue: Catalogue, C: float | None
) -> PropensityModel:
    """Fit the shipped model on the book's latest labelled window."""
    model = fit_window(frames, as_of - timedelta(days=HORIZON_DAYS), catalogue, C or DEFAULT_C)
    model.peers = peer_counts_from(
        customer_features(frames, as_of, catalogue.codes), catalogue.codes
    )
    return model


def score(
    model: PropensityModel, frames: BookFrames, at: date, catalogue: Catalogue
) -> pd.DataFrame:
    """Return customers x products probabilities on ``at`` (NaN where held)."""
    return model.predict(customer_features(frames, at, catalogue.codes), catalogue)


def retrain(
    model: PropensityModel, session: Session, at: datetime, catalogue: Catalogue
) -> tuple[PropensityModel, LearnedFeedback]:
    """Return the model retrained on what the loop recorded up to ``at``, and what it learned."""
    retrained = copy.deepcopy(model)
    feedback = load_feedback(session, at)
    learned = apply_feedback(retrained, load_book_frames(session), feedback, catalogue)
    return retrained, learned
