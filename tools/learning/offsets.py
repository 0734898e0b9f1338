"""Learn from the learning loop: a log-odds offset per product from outcomes and ratings.

The classifiers learn who buys a product within 12 months; offers add what they cannot see:
how often customers *accept* a product when the copilot offers it. After the model is fitted
on the latest window, each settled offer (and each low fit rating, ``tools/learning/feedback``)
is scored by that model on the features of the day it was presented, and each product gets
the offset ``d`` that maximises the weighted log-likelihood of its outcomes under
``logit(p) + d`` with a normal prior ``N(0, OFFSET_PRIOR_SD^2)`` (Newton's method; one
parameter per product). A product whose offers convert better than the model expects moves
up, one that converts worse moves down, and a product with little evidence hardly moves.

The offsets are then centred over the products with evidence (weighted by it), so they change
the ranking *between* products and the book-wide level stays the 12-month purchase
probability the card's holdout figures describe; a product with no evidence keeps 0. An offset
is a constant in the log-odds, so the drivers (contributions) stay exact: it moves the
baseline they are measured from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from tools.catalogue.loader import Catalogue
from tools.learning.feedback import Feedback
from tools.propensity.book_frames import BookFrames
from tools.propensity.features import customer_features
from tools.propensity.model import PropensityModel
from tools.registry import ModelMetadata

OFFSET_PRIOR_SD = 0.5
"""Prior standard deviation of a product's offset, in log-odds (about x1.6 either way)."""
_NEWTON_STEPS = 50


@dataclass(frozen=True)
class ScoredFeedback:
    """The feedback rows the model could score, with the model's log-odds of each."""

    product: np.ndarray
    logit: np.ndarray
    label: np.ndarray
    weight: np.ndarray
    skipped: int
    """Rows left out: the customer held the product, or had no policy in force, that day."""


def score_feedback(
    model: PropensityModel, frames: BookFrames, feedback: Feedback, catalogue: Catalogue
) -> ScoredFeedback:
    """Score each feedback row with the model, on its customer's features of that day."""
    rows = feedback.rows
    parts: list[pd.DataFrame] = []
    for day, group in rows.groupby(pd.to_datetime(rows["at"]).dt.date):
        common = customer_features(
            frames.restrict(group["customer_id"].unique().tolist()), day, catalogue.codes
        )
        for code, items in group.groupby("product"):
            if code not in model.products:
                continue
            known = items[items["customer_id"].isin(common.index)]
            frame = common.loc[known["customer_id"]]
            keep = (frame[f"own_{code}"] == 0).to_numpy()
            if not keep.any():
                continue
            inputs = model.product_frame(frame[keep], catalogue, str(code), model.peers)
            logit = model.products[str(code)].logit(inputs, include_offset=False)
            parts.append(known[keep].assign(logit=logit))
    scored = pd.concat(parts) if parts else rows.assign(logit=np.nan).iloc[:0]
    return ScoredFeedback(
        product=scored["product"].to_numpy(str),
        logit=scored["logit"].to_numpy(float),
        label=scored["label"].to_numpy(float),
        weight=scored["weight"].to_numpy(float),
        skipped=len(rows) - len(scored),
    )


def _offset(logit: np.ndarray, label: np.ndarray, weight: np.ndarray, prior_sd: float) -> float:
    precision, d = 1.0 / prior_sd**2, 0.0
    for _ in range(_NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-(logit + d)))
        gradient = float(np.sum(weight * (label - p))) - precision * d
        curvature = float(np.sum(weight * p * (1.0 - p))) + precision
        step = gradient / curvature
        d += step
        if abs(step) < 1e-9:
            break
    return d


def fit_offsets(scored: ScoredFeedback, prior_sd: float = OFFSET_PRIOR_SD) -> dict[str, float]:
    """Return each product's centred log-odds offset (only products with evidence appear)."""
    raw: dict[str, tuple[float, float]] = {}
    for code in sorted(set(scored.product.tolist())):
        at = scored.product == code
        d = _offset(scored.logit[at], scored.label[at], scored.weight[at], prior_sd)
        raw[code] = (d, float(scored.weight[at].sum()))
    evidence = sum(w for _, w in raw.values())
    level = sum(d * w for d, w in raw.values()) / evidence if evidence else 0.0
    return {code: d - level for code, (d, _) in raw.items()}


@dataclass(frozen=True)
class LearnedFeedback:
    """What one training learned from the loop: the offsets and the evidence behind them."""

    feedback: Feedback
    """The rows and counts read (``load_feedback``)."""
    offsets: dict[str, float]
    """Centred log-odds offset per product with evidence."""
    rows_by_product: dict[str, int]
    """Rows the offsets were fitted on, per product."""
    rows_skipped: int
    """Rows the model could not score (product held, or no policy in force that day)."""

    @property
    def rows_used(self) -> int:
        """Return how many rows the offsets were fitted on."""
        return sum(self.rows_by_product.values())

    def card(self) -> dict[str, Any]:
        """Return what the model card shows (stored in the version's metadata)."""
        return {
            **self.feedback.summary(),
            "rows_used": self.rows_used,
            "rows_skipped": self.rows_skipped,
            "prior_sd": OFFSET_PRIOR_SD,
            "offsets": {code: round(value, 4) for code, value in self.offsets.items()},
            "rows_by_product": self.rows_by_product,
        }


def apply_feedback(
    model: PropensityModel, frames: BookFrames, feedback: Feedback, catalogue: Catalogue
) -> LearnedFeedback:
    """Fit the offsets on the feedback and set them on the model (products without keep 0)."""
    if feedback.empty:
        return LearnedFeedback(feedback, {}, {}, 0)
    scored = score_feedback(model, frames, feedback, catalogue)
    offsets = fit_offsets(scored)
    for code, offset in offsets.items():
        model.products[code].offset = offset
    rows = {code: int(np.sum(scored.product == code)) for code in offsets}
    return LearnedFeedback(feedback, offsets, rows, scored.skipped)


def learn_from_loop(
    trained: tuple[PropensityModel, ModelMetadata],
    frames: BookFrames,
    feedback: Feedback,
    catalogue: Catalogue,
) -> tuple[PropensityModel, ModelMetadata]:
    """Apply the loop's feedback to a freshly trained model; its card shows what was learned."""
    model, metadata = trained
    learned = apply_feedback(model, frames, feedback, catalogue)
    learner = f"{metadata.learner}, plus a log-odds offset per product learned from offers'"
    learner += " outcomes and advisors' ratings (tools/learning/offsets.py)"
    return model, metadata.model_copy(update={"feedback": learned.card(), "learner": learner})
