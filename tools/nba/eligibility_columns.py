"""The eligibility rule pack (``tools/eligibility/rules.yaml``) evaluated column-wise.

Each check named in the pack has a column-wise twin here that reads the same rule data
(catalogue target market, availability, exclusions, prerequisites) for every customer and
product at once; ``check_eligibility`` evaluates the same pack for one customer. A pack
naming a check without a twin raises, so a new rule can never be skipped silently.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from tools.catalogue.loader import Catalogue, Product
from tools.eligibility.pack import EligibilityRulePack, load_eligibility_rules


class Columns:
    """Customer columns and the held-product matrix the column-wise checks read."""

    def __init__(
        self,
        customers: pd.DataFrame,
        policies: pd.DataFrame,
        claims: pd.DataFrame,
        catalogue: Catalogue,
    ) -> None:
        self.customers = customers.reset_index(drop=True)
        self.codes = catalogue.codes
        ids = pd.Index(self.customers["customer_id"])
        held = np.zeros((len(ids), len(self.codes)), dtype=bool)
        known = policies[policies["customer_id"].isin(ids) & policies["product"].isin(self.codes)]
        held[
            ids.get_indexer(known["customer_id"]),
            known["product"].map({c: k for k, c in enumerate(self.codes)}),
        ] = True
        self.held = held
        opened = claims[claims["status"] == "open"].groupby("customer_id").size()
        self.open_claims = opened.reindex(ids, fill_value=0).to_numpy()


ColumnCheck = Callable[[Columns, Product, EligibilityRulePack], np.ndarray]


def _industry(c: Columns, p: Product, _: EligibilityRulePack) -> np.ndarray:
    market = p.target_market.industries
    return (
        np.full(len(c.customers), True)
        if "*" in market
        else (c.customers["industry_code"].isin(market).to_numpy())
    )


def _country(c: Columns, p: Product, pack: EligibilityRulePack) -> np.ndarray:
    return c.customers["country"].isin(pack.availability.countries(p.code)).to_numpy()


def _employees(c: Columns, p: Product, _: EligibilityRulePack) -> np.ndarray:
    market = p.target_market
    return c.customers["employees"].between(market.employees_min, market.employees_max).to_numpy()


def _turnover(c: Columns, p: Product, _: EligibilityRulePack) -> np.ndarray:
    market = p.target_market
    return (
        c.customers["turnover_eur"]
        .between(market.turnover_min_eur, market.turnover_max_eur)
        .to_numpy()
    )


def _not_excluded(c: Columns, p: Product, pack: EligibilityRulePack) -> np.ndarray:
    return ~c.customers["industry_code"].isin(pack.excluded_industries.get(p.code, [])).to_numpy()


def _prerequisites(c: Columns, p: Product, _: EligibilityRulePack) -> np.ndarray:
    ok = np.full(len(c.customers), True)
    for code in p.requires:
        ok &= c.held[:, c.codes.index(code)]
    return ok


def _not_held(c: Columns, p: Product, _: EligibilityRulePack) -> np.ndarray:
    return ~c.held[:, c.codes.index(p.code)]


def _no_open_claim(c: Columns, _p: Product, _: EligibilityRulePack) -> np.ndarray:
    return c.open_claims == 0


def _no_objection(c: Columns, _p: Product, _: EligibilityRulePack) -> np.ndarray:
    return ~c.customers["objection_to_marketing"].to_numpy(dtype=bool)


def _no_care(c: Columns, _p: Product, _: EligibilityRulePack) -> np.ndarray:
    return ~c.customers["care_flag"].to_numpy(dtype=bool)


COLUMN_CHECKS: dict[str, ColumnCheck] = {
    "industry_in_target_market": _industry,
    "country_available": _country,
    "employees_in_target_market": _employees,
    "turnover_in_target_market": _turnover,
    "industry_not_excluded": _not_excluded,
    "prerequisites_held": _prerequisites,
    "not_already_held": _not_held,
    "no_open_claim": _no_open_claim,
    "no_objection_to_marketing": _no_objection,
    "no_care_flag": _no_care,
}


def eligibility_matrix(
    columns: Columns, catalogue: Catalogue, categories: tuple[str, ...] = ("product", "conduct")
) -> np.ndarray:
    """Return a customers x products bool matrix: every rule of the given categories passes.

    Raises:
        KeyError: the pack names a check without a column-wise twin.
    """
    pack = load_eligibility_rules()
    passed = np.ones((len(columns.customers), len(catalogue.codes)), dtype=bool)
    for k, code in enumerate(catalogue.codes):
        product = catalogue.products[code]
        for spec in pack.rules:
            if spec.category in categories:
                passed[:, k] &= COLUMN_CHECKS[spec.check](columns, product, pack)
    return passed


def eligible_rows(rows: pd.DataFrame, columns: Columns, catalogue: Catalogue) -> np.ndarray:
    """Return which (customer, product) rows pass every product rule of the pack.

    Conduct rules (open claim, objection, care) are the contact policy's to apply, with a
    why-not trace, so they are left out here.
    """
    matrix = eligibility_matrix(columns, catalogue, ("product",))
    row = pd.Index(columns.customers["customer_id"]).get_indexer(rows["customer_id"])
    col = rows["product"].map({c: k for k, c in enumerate(catalogue.codes)}).to_numpy(dtype=int)
    return matrix[row, col]
