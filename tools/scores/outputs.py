"""The tools' outputs built from a customer's scores, with nothing computed again.

Each builder reads the part of :class:`CustomerScores` it needs and raises the tool's typed
errors: ``ModelNotTrained`` when the model behind it is missing, ``NotEligible`` for churn of
a customer with no policy in force, ``UnknownProduct`` for a code not in the catalogue.
"""

from __future__ import annotations

import pandas as pd

from tools.catalogue.loader import Catalogue
from tools.churn.scoring import ChurnCLV, churn_from_part
from tools.credibility.profile import RiskProfile, profile_from_part
from tools.propensity.scoring import PropensityScore, scores_from_part
from tools.registry import ModelNotTrained
from tools.scores.book import ModelInputs
from tools.scores.customer import CustomerScores


def propensity_scores(
    scores: CustomerScores,
    catalogue: Catalogue,
    products: list[str] | None = None,
    drivers: int = 5,
) -> list[PropensityScore]:
    """Return the propensity tool's output: probabilities with drivers, highest first.

    Args:
        scores: The customer's scores.
        catalogue: The catalogue.
        products: Product codes (any case) to return; default every product not held.
        drivers: Drivers per score.

    Raises:
        UnknownProduct: a code is not in the catalogue.
        ModelNotTrained: no propensity model is registered.
    """
    requested = [catalogue.product(code).code for code in products or []]
    if scores.propensity is None:
        raise ModelNotTrained("propensity")
    return scores_from_part(scores.propensity, catalogue, requested, drivers)


def risk_profile_of(scores: CustomerScores) -> RiskProfile:
    """Return the risk-profile tool's output: the credibility profile of every product.

    Raises:
        ModelNotTrained: no credibility model is registered.
    """
    if scores.credibility is None:
        raise ModelNotTrained("credibility")
    return profile_from_part(scores.credibility, scores.customer_id)


def churn_clv_of(scores: CustomerScores, catalogue: Catalogue) -> ChurnCLV:
    """Return the churn/CLV tool's output.

    Raises:
        NotEligible: the customer has no policy in force (nothing to churn).
        ModelNotTrained: the churn, propensity or credibility model is not registered.
    """
    if scores.in_force and scores.churn is None:
        missing = [k for k in ("churn", "propensity", "credibility") if k not in scores.versions]
        raise ModelNotTrained(missing[0] if missing else "churn")
    return churn_from_part(scores.churn, scores.customer_name, scores.customer_id, catalogue)


def model_inputs_of(scores: CustomerScores) -> ModelInputs:
    """Return the ranking's model inputs for this customer (as ``load_model_inputs`` would)."""
    if not scores.versions.keys() & {"propensity", "credibility"}:
        return ModelInputs()
    propensity = None
    # A lapsed customer has no propensity (the prior ranks it) but keeps its credibility
    # flags from the claims history, as in ``load_model_inputs``.
    if scores.in_force and scores.propensity is not None:
        probability = {code: scores.propensity_of(code) for code in scores.propensity.codes}
        propensity = pd.DataFrame([probability], index=[scores.customer_id], dtype=float)
    return ModelInputs(
        propensity=propensity,
        worst_quintile=frozenset((scores.customer_id, code) for code in scores.worst_quintile),
        propensity_version=scores.versions.get("propensity") if propensity is not None else None,
        credibility_version=scores.versions.get("credibility"),
    )
