"""The trained models' inputs to the ranking: propensity and the credibility worst quintile.

When a model is registered its scores are used, for one customer or a chunk of the book
alike (the models' own book-level functions on the same customers' frames); when none is
trained the ranking falls back to the documented catalogue prior and says so. A turn that
has scored its customer once (``tools.scores.customer``) gets the same inputs from
``tools.scores.outputs.model_inputs_of`` without reading any frame.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from tools.catalogue.loader import Catalogue
from tools.contact_policy.pack import ContactPolicy, load_contact_policy
from tools.credibility.profile import risk_book
from tools.experiment.arms import Experiment, arm_of
from tools.propensity.book_frames import active_at, load_book_frames
from tools.propensity.scoring import score_book
from tools.scores.models import ModelSet, as_model_set
from tools.scores.prior import CATALOGUE_PRIOR, prior_propensity


@dataclass(frozen=True)
class ModelInputs:
    """Model scores for a set of customers, or None where no model is trained."""

    propensity: pd.DataFrame | None = None
    """Probability per customer (index) and product (columns)."""
    worst_quintile: frozenset[tuple[str, str]] = frozenset()
    """(customer, product) pairs in the worst fifth of expected claims against the tariff."""
    propensity_version: str | None = None
    """Version of the propensity model that scored them (None: the prior ranks)."""
    credibility_version: str | None = None
    """Version of the credibility model behind ``worst_quintile``."""
    challenger_version: str | None = None
    """Version of the propensity challenger that scored ``challenger_ids``."""
    challenger_ids: frozenset[str] = frozenset()
    """Customers of the challenger arm, scored by the challenger."""

    def basis_of(self, customer_id: str) -> str:
        """Return the ranking basis of one customer (the challenger's for its arm)."""
        if customer_id in self.challenger_ids and self.challenger_version is not None:
            return f"model {self.challenger_version}"
        return self.ranking_basis

    @property
    def ranking_basis(self) -> str:
        """Return ``model <version>`` or ``catalogue prior``."""
        if self.propensity_version is None:
            return CATALOGUE_PRIOR
        return f"model {self.propensity_version}"


def load_model_inputs(
    session: Session,
    now: datetime,
    customer_ids: Sequence[str],
    models: ModelSet | Path | None,
    experiment: Experiment | None = None,
) -> ModelInputs:
    """Return the registered models' scores for these customers (empty when none is trained).

    Args:
        session: Open session on the book.
        now: Decision moment; the models' features use its day.
        customer_ids: The customers (a batch chunk, or one customer).
        models: The registered models or their directory; None ranks by the catalogue
            prior (no model is read).
        experiment: The strategy arms (default the contact policy's): with a propensity
            challenger set, the challenger arm's customers are scored by it.
    """
    if models is None:
        return ModelInputs()
    registered = as_model_set(models)
    propensity, credibility = registered.propensity, registered.credibility
    if propensity is None and credibility is None:
        return ModelInputs()
    frames = load_book_frames(session, list(customer_ids))
    # Prospects and lapsed customers have no propensity features: the prior ranks them, as
    # it does the same customers inside a larger batch chunk. Their claims history still
    # counts: the credibility flags below cover every customer of the chunk.
    in_force = bool(active_at(frames.policies, now.date()).any())
    folder = registered.models_dir
    scores = score_book(frames, now.date(), models_dir=folder) if propensity and in_force else None
    challenger, challenged = registered.propensity_challenger, frozenset[str]()
    if scores is not None and challenger is not None:
        split = experiment or load_contact_policy().experiment
        challenged = frozenset(c for c in scores.index if arm_of(c, split) == "challenger")
    if scores is not None and challenger is not None and challenged:
        arm = frames.restrict(sorted(challenged))
        other = score_book(arm, now.date(), models_dir=folder, version=challenger.version)
        scores.loc[other.index, other.columns] = other
    worst: frozenset[tuple[str, str]] = frozenset()
    if credibility is not None:
        risk = risk_book(frames, now.date(), models_dir=folder)
        live = frames.policies[active_at(frames.policies, now.date())]
        held = set(zip(live["customer_id"], live["product_code"], strict=True))
        flagged = risk[risk["worst_quintile"]]
        pairs = zip(flagged["customer_id"], flagged["product"], strict=True)
        # Not held today: a lapsed customer's former product is held to the rule too.
        worst = frozenset(pair for pair in pairs if pair not in held)
    return ModelInputs(
        scores,
        worst,
        propensity.version if scores is not None and propensity else None,
        credibility.version if credibility else None,
        challenger.version if challenged and challenger is not None else None,
        challenged,
    )


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
