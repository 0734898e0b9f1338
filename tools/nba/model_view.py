"""What the next best action and the arbitration read of the trained models, for one customer.

The one-customer decision takes the models' scores as plain values, never by loading a model:
any object with ``propensity_of``, ``worst_quintile``, ``ranking_basis`` and
``credibility_version`` will do (``tools.scores.CustomerScores`` of a turn, or
``GivenScores`` built from plain values). None means no model: the catalogue prior ranks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from tools.scores.book import ModelInputs
from tools.scores.prior import CATALOGUE_PRIOR


class ModelView(Protocol):
    """The trained models' view of one customer that the ranking reads."""

    def propensity_of(self, product: str) -> float | None:
        """Return the model's purchase probability of a product (None: the prior ranks it)."""

    @property
    def worst_quintile(self) -> frozenset[str]:
        """Return the products whose credibility puts the customer in the worst fifth."""

    @property
    def ranking_basis(self) -> str:
        """Return ``model <version>`` or ``catalogue prior``."""

    @property
    def credibility_version(self) -> str | None:
        """Return the version of the credibility model behind ``worst_quintile``."""


@dataclass(frozen=True)
class GivenScores:
    """Model scores of one customer given as plain values (a ``ModelView``)."""

    propensity: Mapping[str, float] | None = None
    """Purchase probability per product; None, or a product left out: the prior ranks it."""
    worst_quintile: frozenset[str] = field(default_factory=frozenset)
    """Products in the credibility model's worst fifth of expected claims against the tariff."""
    ranking_basis: str = CATALOGUE_PRIOR
    """``model <version>`` when a propensity model scored, else ``catalogue prior``."""
    credibility_version: str | None = None
    """Version of the credibility model behind ``worst_quintile`` (quoted in the trace)."""

    def propensity_of(self, product: str) -> float | None:
        """Return the given probability of a product, or None when none was given."""
        return None if self.propensity is None else self.propensity.get(product)


def scores_of_inputs(inputs: ModelInputs, customer_id: str) -> GivenScores:
    """Return one customer's scores from the column-wise model inputs of ``load_model_inputs``.

    Args:
        inputs: Model inputs of a set of customers that includes this one.
        customer_id: The customer.
    """
    propensity = None
    if inputs.propensity is not None and customer_id in inputs.propensity.index:
        row = inputs.propensity.loc[customer_id]
        propensity = {str(code): float(p) for code, p in row.items() if p == p}  # NaN: prior
    return GivenScores(
        propensity=propensity,
        worst_quintile=frozenset(p for c, p in inputs.worst_quintile if c == customer_id),
        ranking_basis=inputs.ranking_basis,
        credibility_version=inputs.credibility_version,
    )
