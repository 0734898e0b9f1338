"""The catalogue prior: the propensity the ranking uses where no trained model scored a pair.

``prior_propensity`` is the column-wise form (the batch), ``prior_propensity_of`` one
customer's (a turn); the parity tests of the decision paths hold them equal.

``cross_sales_score / 100 x affinity``, where affinity is the highest catalogue affinity from a
product the customer holds to the proposed one (``default_affinity`` for a pair the matrix
leaves out, ``prospect_affinity`` when nothing is held); parameters from the contact policy.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from tools.catalogue.loader import Catalogue
from tools.contact_policy.pack import ContactPolicy

CATALOGUE_PRIOR = "catalogue prior"


def _affinity_matrix(catalogue: Catalogue, default: float) -> np.ndarray:
    codes = catalogue.codes
    matrix = np.full((len(codes), len(codes)), default)
    for i, held in enumerate(codes):
        for j, target in enumerate(codes):
            matrix[i, j] = catalogue.affinity.get(held, {}).get(target, default)
    return matrix


def prior_propensity(
    customer_ids: pd.Series,
    products: pd.Series,
    policies: pd.DataFrame,
    catalogue: Catalogue,
    policy: ContactPolicy,
) -> np.ndarray:
    """Return the catalogue prior propensity of each (customer, product) row."""
    codes = catalogue.codes
    position = {code: k for k, code in enumerate(codes)}
    rows = pd.Index(customer_ids.unique())
    held = np.zeros((len(rows), len(codes)), dtype=bool)
    owned = policies[policies["customer_id"].isin(rows) & policies["product"].isin(codes)]
    held[rows.get_indexer(owned["customer_id"]), owned["product"].map(position)] = True
    affinity = _affinity_matrix(catalogue, policy.ranking.default_affinity)
    best = np.full((len(rows), len(codes)), -np.inf)
    for k in range(len(codes)):
        best = np.where(held[:, k : k + 1], np.maximum(best, affinity[k]), best)
    best[~held.any(axis=1)] = policy.ranking.prospect_affinity
    row = rows.get_indexer(customer_ids)
    col = products.map(position).to_numpy(dtype=int)
    score = products.map({c: p.cross_sales_score / 100 for c, p in catalogue.products.items()})
    return score.to_numpy(dtype=float) * best[row, col]


def prior_propensity_of(
    held: Iterable[str], product: str, catalogue: Catalogue, policy: ContactPolicy
) -> float:
    """Return the catalogue prior of one product for a customer holding ``held``.

    ``cross_sales_score / 100 x affinity``: the highest catalogue affinity from a held product
    to this one (``default_affinity`` for a pair the matrix leaves out), ``prospect_affinity``
    when no catalogue product is held.
    """
    ranking = policy.ranking
    owned = [code for code in held if code in catalogue.products]
    if owned:
        affinity = max(
            catalogue.affinity.get(code, {}).get(product, ranking.default_affinity)
            for code in owned
        )
    else:
        affinity = ranking.prospect_affinity
    return catalogue.products[product].cross_sales_score / 100 * affinity
