"""One customer's churn probability, CLV and churn drivers, on numpy arrays.

:class:`ChurnScorer` is the churn classifier of a model version as a :class:`LinearScorer`;
:func:`churn_part` combines it with the customer's propensity and credibility parts (computed
once per turn, never again here) into the CLV of :func:`tools.churn.clv.clv_of`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tools.catalogue.loader import Catalogue
from tools.churn.clv import ClvParts, clv_of
from tools.credibility.scorer import CredibilityPart
from tools.propensity.drivers import Driver, drivers_from
from tools.propensity.estimator import PropensityClassifier
from tools.propensity.linear import LinearScorer
from tools.propensity.scorer import PropensityPart
from tools.propensity.vector import CustomerVector
from tools.registry import LoadedModel, build_current


@dataclass(frozen=True, eq=False)
class ChurnPart:
    """One customer's churn probability and lifetime value, with what explains them."""

    version: str
    """Version of the churn model."""
    probability: float
    """Probability that every policy ends within 12 months (unrounded)."""
    clv: ClvParts
    """Lifetime value and its parts (EUR, unrounded)."""
    features: tuple[str, ...]
    """The churn model's input columns."""
    contributions: np.ndarray
    """Their signed log-odds contributions to the churn probability."""
    values: tuple[object, ...]
    """The customer's value of each input column."""
    input_versions: Mapping[str, str]
    """Versions of the propensity and credibility models the CLV used."""

    def drivers(self, catalogue: Catalogue, limit: int = 5) -> list[Driver]:
        """Return the largest contributions behind the churn probability, in plain words."""
        return drivers_from(self.features, self.contributions, self.values, catalogue, limit)


@dataclass(frozen=True, eq=False)
class ChurnScorer:
    """A churn model version as arrays."""

    version: str
    """The model version."""
    linear: LinearScorer
    """The churn classifier's parameters."""

    @classmethod
    def from_loaded(cls, loaded: LoadedModel) -> ChurnScorer:
        """Build the arrays of a loaded churn model.

        Raises:
            TypeError: the artifact is not a churn classifier.
        """
        if not isinstance(loaded.model, PropensityClassifier):
            raise TypeError("not a churn classifier")
        return cls(
            version=loaded.metadata.version, linear=LinearScorer.from_classifier(loaded.model)
        )

    def score(self, vector: CustomerVector) -> tuple[float, np.ndarray, tuple[object, ...]]:
        """Return the churn probability, the contributions and the input values of a customer."""
        row = vector.row()
        numeric = np.array([[row[name] for name in self.linear.numeric]], dtype=float)
        encoded = self.linear.encode(numeric, [[row[name] for name in self.linear.categorical]])
        logit = float(self.linear.decision(encoded)[0])
        values = tuple(row[name] for name in self.linear.features)
        return 1.0 / (1.0 + np.exp(-logit)), self.linear.contributions(encoded)[0], values


def churn_part(
    scorer: ChurnScorer,
    vector: CustomerVector,
    propensity: PropensityPart,
    credibility: CredibilityPart,
    catalogue: Catalogue,
) -> ChurnPart:
    """Return the customer's churn probability and CLV from the parts already computed.

    Args:
        scorer: The churn model.
        vector: The customer's common features (a customer with a policy in force).
        propensity: The customer's propensity part (cross-sell potential).
        credibility: The customer's credibility part (margin; 1.0 without claims history).
        catalogue: For the typical premium of each product.
    """
    probability, contributions, values = scorer.score(vector)
    # Products a model does not know get theta 1.0 and no purchase, as the batch reindexes.
    risk = dict(zip(credibility.codes, credibility.theta.tolist(), strict=True))
    buy = dict(
        zip(propensity.codes, np.where(propensity.held, 0.0, propensity.probability), strict=True)
    )
    theta = np.array([risk.get(c, 1.0) if credibility.has_history else 1.0 for c in vector.codes])
    typical = catalogue.mid_premium()
    return ChurnPart(
        version=scorer.version,
        probability=probability,
        clv=clv_of(
            vector.premiums,
            theta,
            probability,
            np.array([buy.get(c, 0.0) for c in vector.codes]),
            np.array([typical[c] for c in vector.codes]),
        ),
        features=scorer.linear.features,
        contributions=contributions,
        values=values,
        input_versions={"propensity": propensity.version, "credibility": credibility.version},
    )


def churn_scorer(models_dir: Path) -> ChurnScorer:
    """Return the current churn model as arrays (built once per version).

    Raises:
        ModelNotTrained: no churn model is trained; run ``copilot models train``.
        ModelArtifactUnreadable: the stored model cannot be read by this code.
    """
    return build_current("churn", models_dir, ChurnScorer.from_loaded)
