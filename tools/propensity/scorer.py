"""Score one customer for every product with the fitted propensity model, on numpy arrays.

:class:`PropensityScorer` is built once per model version (``propensity_scorer``): each
product's own classifier and the pooled one become :class:`LinearScorer` arrays, the peer
counts stored with the model become a :class:`PeerTable`. Scoring a customer builds the
(products x inputs) matrix of its features once, runs the pooled classifier on all rows and
each product's own classifier on its row, and averages the log-odds and the contributions
exactly as :class:`ProductModel` does. It reads no book-wide aggregate.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tools.catalogue.loader import Catalogue
from tools.propensity.drivers import Driver, drivers_from
from tools.propensity.features import CATEGORICAL, PRODUCT_SPECIFIC
from tools.propensity.linear import LinearScorer
from tools.propensity.model import PropensityModel
from tools.propensity.product_rows import PeerTable, ProductTable, product_rows
from tools.propensity.vector import CustomerVector
from tools.registry import LoadedModel, build_current


@dataclass(frozen=True, eq=False)
class PropensityPart:
    """One customer's purchase probability and explanation for every product."""

    version: str
    """Version of the propensity model."""
    codes: tuple[str, ...]
    """Product codes, in catalogue order (the rows below)."""
    probability: np.ndarray
    """Probability of buying each product within 12 months."""
    held: np.ndarray
    """True where the customer holds the product already (the batch leaves those out)."""
    features: tuple[str, ...]
    """The input columns the contributions are reported for."""
    contributions: np.ndarray
    """(products x features) signed log-odds contributions, relative to an average customer."""
    values: Mapping[str, object]
    """The customer's common feature values by name."""
    specific: np.ndarray
    """(products x 4) the ``PRODUCT_SPECIFIC`` feature values of each product."""

    def drivers(self, code: str, catalogue: Catalogue, limit: int = 5) -> list[Driver]:
        """Return the largest contributions behind one product's score, in plain words."""
        k = self.codes.index(code)
        specific = dict(zip(PRODUCT_SPECIFIC, self.specific[k].tolist(), strict=True))
        values = [specific[f] if f in specific else self.values[f] for f in self.features]
        return drivers_from(self.features, self.contributions[k], values, catalogue, limit)


@dataclass(frozen=True, eq=False)
class PropensityScorer:
    """A propensity model version as arrays: per product, its members' scorers."""

    version: str
    """The model version."""
    codes: tuple[str, ...]
    """Product codes, in model order."""
    scorers: tuple[LinearScorer, ...]
    """The distinct classifiers (the products' own ones and the pooled one)."""
    members: tuple[tuple[int, ...], ...]
    """Per product, the positions in ``scorers`` whose log-odds are averaged."""
    rows: tuple[np.ndarray, ...]
    """Per scorer, the products (rows) it scores."""
    takes: tuple[np.ndarray, ...]
    """Per scorer, the columns of the numeric matrix it reads, in its order."""
    baselines: np.ndarray
    """Per product, the log-odds used when it has no classifier (its smoothed base rate)."""
    offsets: np.ndarray
    """Per product, the log-odds offset learned from the learning loop (0: none)."""
    features: tuple[str, ...]
    """Contribution columns (the members' input columns)."""
    peers: PeerTable
    """Industry holder counts stored with the model at training."""

    @classmethod
    def from_loaded(cls, loaded: LoadedModel) -> PropensityScorer:
        """Build the arrays of a loaded propensity model.

        Raises:
            TypeError: the artifact is not a propensity model with stored peer counts.
        """
        model = loaded.model
        if not isinstance(model, PropensityModel) or model.peers is None:
            raise TypeError("not a propensity model with stored peer counts")
        scorers: list[LinearScorer] = []
        seen: dict[int, int] = {}
        members = []
        for code in model.codes:
            for member in model.products[code].members:
                if id(member) not in seen:
                    seen[id(member)] = len(scorers)
                    scorers.append(LinearScorer.from_classifier(member))
            members.append(tuple(seen[id(m)] for m in model.products[code].members))
        numeric = [c for c in model.columns if c not in CATEGORICAL]
        features = scorers[0].features if scorers else tuple(model.columns)
        if any(s.features != features for s in scorers):
            raise TypeError("the classifiers do not share one input layout")
        return cls(
            version=loaded.metadata.version,
            codes=tuple(model.codes),
            scorers=tuple(scorers),
            members=tuple(members),
            rows=tuple(
                np.array([k for k, m in enumerate(members) if i in m], dtype=int)
                for i in range(len(scorers))
            ),
            takes=tuple(
                np.array([numeric.index(c) for c in s.numeric], dtype=int) for s in scorers
            ),
            baselines=np.array([model.products[c].baseline() for c in model.codes]),
            # A model pickled before offsets existed reads the class default, 0.
            offsets=np.array([model.products[c].offset for c in model.codes]),
            features=features,
            peers=PeerTable.from_frame(model.peers, list(model.codes)),
        )

    def score(self, vector: CustomerVector, table: ProductTable) -> PropensityPart:
        """Return the customer's probability and contributions for every product.

        Raises:
            ValueError: the customer's features name other products than the model.
        """
        if vector.codes != self.codes:
            raise ValueError("The propensity model was trained on another product catalogue.")
        specific = product_rows(vector, table, self.peers)
        common = np.concatenate([vector.numeric, vector.own])
        matrix = np.hstack([np.tile(common, (len(self.codes), 1)), specific])
        category = [vector.industry, vector.country]
        scored = {}
        for i, scorer in enumerate(self.scorers):
            rows = self.rows[i]
            encoded = scorer.encode(matrix[np.ix_(rows, self.takes[i])], [category] * len(rows))
            scored[i] = (rows.tolist(), scorer.decision(encoded), scorer.contributions(encoded))
        logits = self.baselines.copy()
        parts = np.zeros((len(self.codes), len(self.features)))
        for k, members in enumerate(self.members):
            if members:
                # The mean of the members' log-odds and contributions, as ProductModel blends.
                picked = [(scored[i][1], scored[i][2], scored[i][0].index(k)) for i in members]
                logits[k] = sum(d[r] for d, _, r in picked) / len(picked) + self.offsets[k]
                parts[k] = sum(c[r] for _, c, r in picked) / len(picked)
        return PropensityPart(
            version=self.version,
            codes=self.codes,
            probability=1.0 / (1.0 + np.exp(-logits)),
            held=vector.own > 0,
            features=self.features,
            contributions=parts,
            values=vector.row(),
            specific=specific,
        )


def propensity_scorer(models_dir: Path) -> PropensityScorer:
    """Return the current propensity model as arrays (built once per version).

    Raises:
        ModelNotTrained: no propensity model is trained; run ``copilot models train``.
        ModelArtifactUnreadable: the stored model cannot be read by this code.
    """
    return build_current("propensity", models_dir, PropensityScorer.from_loaded)
