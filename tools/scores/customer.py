"""Everything the registered models say about one customer, computed once per turn.

``score_snapshot`` builds the customer's features from its snapshot once and runs each
registered model once on numpy arrays: propensity for every product (with contributions for
the drivers), the credibility profile of every product, and - for a customer with a policy in
force - churn and the CLV, which reuse those two parts. The tool outputs are then built from
the result without recomputing anything (``tools.scores.outputs``), and the ranking reads
``propensity_of`` and ``worst_quintile``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from tools.catalogue.loader import Catalogue, load_catalogue
from tools.churn.scorer import ChurnPart, churn_part
from tools.contact_policy.pack import load_contact_policy
from tools.credibility.scorer import CredibilityPart, experience_of
from tools.experiment.arms import Experiment, arm_of
from tools.propensity.product_rows import product_table
from tools.propensity.scorer import PropensityPart
from tools.propensity.vector import customer_vector
from tools.scores.models import ModelSet, load_model_set
from tools.scores.prior import CATALOGUE_PRIOR
from tools.snapshot import CustomerSnapshot


@dataclass(frozen=True, eq=False)
class CustomerScores:
    """The registered models' scores of one customer on one day."""

    customer_id: str
    """The customer."""
    customer_name: str
    """The customer's name (for messages)."""
    at: date
    """The feature day."""
    in_force: bool
    """True when a policy is in force: only then do the models feed the ranking and churn."""
    propensity: PropensityPart | None
    """Purchase probability and contributions per product (None: no propensity model). A
    customer with no policy in force is scored on its profile only (the propensity tool)."""
    credibility: CredibilityPart | None
    """Risk profile per product (None: no credibility model)."""
    churn: ChurnPart | None
    """Churn probability and CLV (None: no policy in force, or a model is missing)."""
    versions: dict[str, str]
    """Version of each registered model kind."""
    held: frozenset[str] = frozenset()
    """Products in force on the feature day."""

    @property
    def ranking_basis(self) -> str:
        """Return ``model <version>`` when the propensity model ranks, else ``catalogue prior``."""
        if self.in_force and self.propensity is not None:
            return f"model {self.propensity.version}"
        return CATALOGUE_PRIOR

    @property
    def credibility_version(self) -> str | None:
        """Return the credibility model's version (None when none is registered)."""
        return self.versions.get("credibility")

    def propensity_of(self, product: str) -> float | None:
        """Return the model's probability for a product not held (None: the prior ranks it)."""
        part = self.propensity
        if not self.in_force or part is None or product not in part.codes:
            return None
        k = part.codes.index(product)
        return None if part.held[k] else float(part.probability[k])

    @cached_property
    def worst_quintile(self) -> frozenset[str]:
        """Return the products not held today for which the customer is in the worst quintile.

        A lapsed customer keeps its claims history: the flag holds with no policy in force,
        also for a product it held in the claims window, so winning it back is held to the
        same rule (the batch's ``load_model_inputs`` flags the same pairs).
        """
        part = self.credibility
        if part is None or not part.has_history:
            return frozenset()
        flagged = zip(part.codes, part.worst_quintile, strict=True)
        return frozenset(code for code, flag in flagged if flag and code not in self.held)


def score_snapshot(
    snapshot: CustomerSnapshot,
    models: ModelSet,
    catalogue: Catalogue,
    experiment: Experiment | None = None,
) -> CustomerScores:
    """Score one customer through every registered model, once.

    Args:
        snapshot: The customer's rows as of the decision moment; features use its day.
        models: The registered models (``load_model_set``).
        catalogue: The product catalogue.
        experiment: The strategy arms (default the contact policy's): a challenger-arm
            customer is scored by the propensity challenger when one is set.

    Returns:
        The scores; parts of models that are not trained are None.
    """
    split = experiment or load_contact_policy().experiment
    models = models.for_arm(arm_of(snapshot.customer_id, split))
    vector = customer_vector(snapshot, catalogue.codes)
    propensity = credibility = churn = None
    if models.propensity is not None:
        propensity = models.propensity.score(vector, product_table(catalogue))
    if models.credibility is not None:
        codes = list(models.credibility.codes)
        credibility = models.credibility.score(experience_of(snapshot, codes))
    if (
        vector.in_force
        and models.churn is not None
        and propensity is not None
        and credibility is not None
    ):
        churn = churn_part(models.churn, vector, propensity, credibility, catalogue)
    return CustomerScores(
        customer_id=snapshot.customer_id,
        customer_name=snapshot.customer.name,
        at=vector.at,
        in_force=vector.in_force,
        propensity=propensity,
        credibility=credibility,
        churn=churn,
        versions=models.versions,
        held=frozenset(c for c, own in zip(vector.codes, vector.own, strict=True) if own > 0),
    )


def scores_for(snapshot: CustomerSnapshot, models_dir: Path | None) -> CustomerScores | None:
    """Score a customer with the models registered under ``models_dir`` (None: no models).

    The session-based tools take the models directory explicitly; ``None`` says, on purpose,
    that the catalogue prior ranks.
    """
    if models_dir is None:
        return None
    return score_snapshot(snapshot, load_model_set(models_dir), load_catalogue())
