"""The trained models' inputs to the ranking: propensity and the credibility worst quintile.

When a model is registered its scores are used, for one customer or a chunk of the book
alike (the models' own book-level functions on the same customers' frames); when none is
trained the ranking falls back to the documented catalogue prior and says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from tools.catalogue.loader import Catalogue
from tools.contact_policy.pack import ContactPolicy
from tools.credibility.profile import risk_book
from tools.propensity.book_frames import active_at, load_book_frames
from tools.propensity.scoring import score_book
from tools.registry.errors import ModelNotTrained
from tools.registry.metadata import ModelKind
from tools.registry.store import current_version
from tools.scores.prior import CATALOGUE_PRIOR, prior_propensity


@dataclass(frozen=True)
class ModelInputs:
    """Model scores for a set of customers, or None where no model is trained."""

    propensity: pd.DataFrame | None = None
    """Probability per customer (index) and product (columns)."""
    worst_quintile: frozenset[tuple[str, str]] = frozenset()
    """(customer, product) pairs in the worst fifth of expected claims against the tariff."""
    propensity_version: str | None = None
    credibility_version: str | None = None

    @property
    def ranking_basis(self) -> str:
        """Return ``model <version>`` or ``catalogue prior``."""
        if self.propensity_version is None:
            return CATALOGUE_PRIOR
        return f"model {self.propensity_version}"


def _trained(kind: ModelKind) -> str | None:
    try:
        return current_version(kind)
    except ModelNotTrained:
        return None


def load_model_inputs(session: Session, now: datetime, customer_ids: Sequence[str]) -> ModelInputs:
    """Return the registered models' scores for these customers (empty when none is trained)."""
    propensity_version, credibility_version = _trained("propensity"), _trained("credibility")
    if propensity_version is None and credibility_version is None:
        return ModelInputs()
    frames = load_book_frames(session, list(customer_ids))
    if not active_at(frames.policies, now.date()).any():
        # Prospects and lapsed customers have no model features: the prior ranks them, as
        # it does the same customers inside a larger batch chunk.
        return ModelInputs()
    scores = score_book(frames, now.date()) if propensity_version else None
    worst: frozenset[tuple[str, str]] = frozenset()
    if credibility_version is not None:
        risk = risk_book(frames, now.date())
        flagged = risk[risk["worst_quintile"] & ~risk["owned"]]
        worst = frozenset(zip(flagged["customer_id"], flagged["product"], strict=True))
    return ModelInputs(scores, worst, propensity_version, credibility_version)


def propensity_column(
    candidates: pd.DataFrame,
    policies: pd.DataFrame,
    catalogue: Catalogue,
    policy: ContactPolicy,
    inputs: ModelInputs,
) -> np.ndarray:
    """Return each candidate's propensity: the model's where it scored the pair, else the prior."""
    products = candidates["product"].where(candidates["product"].notna(), "GL")
    prior = prior_propensity(candidates["customer_id"], products, policies, catalogue, policy)
    if inputs.propensity is None:
        return prior
    long = inputs.propensity.stack()
    keys = pd.MultiIndex.from_arrays([candidates["customer_id"], products])
    model = long.reindex(keys).to_numpy(dtype=float)
    return np.where(np.isnan(model), prior, model)


def worst_quintile_flags(candidates: pd.DataFrame, inputs: ModelInputs) -> pd.Series:
    """Return, per candidate, whether the credibility model flags its customer and product."""
    pairs = zip(candidates["customer_id"], candidates["product"], strict=True)
    return pd.Series([pair in inputs.worst_quintile for pair in pairs], index=candidates.index)
