"""The documented ranking formula, applied column-wise to candidate actions.

score = propensity x value x relevance x levers, where

- propensity: the trained model's probability when a model is registered; until then the
  catalogue prior ``cross_sales_score / 100 x affinity``, where affinity is the highest
  catalogue affinity from a product the customer holds to the proposed one (``default_affinity``
  for a pair the matrix leaves out, ``prospect_affinity`` when nothing is held);
- value: ``(mid indicative premium / value_reference_eur) ** value_exponent`` (damped so a
  large premium cannot outweigh need);
- relevance: the strongest proposing rule's relevance / 100 (``tools/nba/triggers.yaml``);
- levers: timing (1.0 when the customer has an event trigger now, 0.6 when all its
  proposals are standing gaps) x the product's strategic lever.

Products are ordered need first, in three tiers, then by score within each tier:

- 2: at renewal, a need that a change since the last renewal created (a growth rule: more
  staff, a new location, and the limits review the growth calls for). The renewal
  conversation reviews what changed since the policy was last renewed (seed use case 4:
  "business changes since last renewal"), so those needs lead it. The growth lookback
  (``triggers.yaml``) is shorter than a policy year, so a growth event falls within the
  renewing term;
- 1: any other need, proposed by a rule of relevance ``need_threshold`` or more (industry key
  covers, size and growth rules, incidents, quotes);
- 0: a product that is only an industry peer's standard cover.

Remuneration (commission) is not an input, by design.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tools.catalogue.loader import Catalogue
from tools.contact_policy.pack import ContactPolicy
from tools.nba.models import PRODUCT_KINDS

TERMS = ("propensity", "value", "relevance", "levers")
"""The four terms of the score, in the order they are multiplied."""


def value_terms(catalogue: Catalogue, policy: ContactPolicy) -> tuple[dict[str, float], float]:
    """Return the value term of each product, and of an action without a known product (1).

    ``(mid indicative premium / value_reference_eur) ** value_exponent``, computed once for
    the catalogue so that every path reads the same figure.
    """
    ranking = policy.ranking
    mid = catalogue.mid_premium()
    premium = np.array([mid[code] for code in catalogue.codes] + [ranking.value_reference_eur])
    value = (premium / ranking.value_reference_eur) ** ranking.value_exponent
    per_product = dict(zip(catalogue.codes, value[:-1].tolist(), strict=True))
    return per_product, float(value[-1])


def score_terms(
    candidates: pd.DataFrame, catalogue: Catalogue, policy: ContactPolicy
) -> pd.DataFrame:
    """Return ``term_<name>`` of the four terms and the score of each candidate.

    Actions that sell nothing new (a consultation, a renewal or limits review) score
    propensity 1; an action without a product scores value 1.
    """
    ranking = policy.ranking
    sells = candidates["kind"].isin(list(PRODUCT_KINDS))
    per_product, no_product = value_terms(catalogue, policy)
    value = candidates["product"].map(per_product).fillna(no_product)
    # Timing is the customer's: every action joins the one conversation an event opens, so
    # the lever orders customers (an advisor's list), never one customer's products.
    triggered = candidates["event_driven"].astype(bool).groupby(candidates["customer_id"])
    timing = np.where(
        triggered.transform("any").to_numpy(dtype=bool),
        ranking.timing_lever["event_driven"],
        ranking.timing_lever["standing"],
    )
    strategic = candidates["product"].map(ranking.product_levers).fillna(1.0)
    terms = pd.DataFrame(
        {
            "propensity": np.where(sells, candidates["propensity"], 1.0).astype(float),
            "value": value.to_numpy(dtype=float),
            "relevance": candidates["relevance"].to_numpy(dtype=float) / 100,
            "levers": timing * strategic.to_numpy(dtype=float),
        },
        index=candidates.index,
    )
    terms["score"] = terms.prod(axis=1).round(6)
    terms["need_tier"] = need_tiers(candidates, policy)
    return terms.rename(columns={t: f"term_{t}" for t in TERMS})


def need_tiers(candidates: pd.DataFrame, policy: ContactPolicy) -> pd.Series:
    """Return each candidate's need tier: 2 a change reviewed at renewal, 1 a need, 0 neither.

    A need is an action whose rule has relevance ``need_threshold`` or more; it is in tier 2
    when a growth trigger raised it (a new cover, a limits review, the consultation) and the
    customer's renewal review is open.
    """
    need = candidates["relevance"] >= policy.ranking.need_threshold
    renewing = candidates["kind"].eq("renewal_review").groupby(candidates["customer_id"])
    at_renewal = renewing.transform("any").to_numpy(dtype=bool)
    changed = candidates["trigger_kind"].eq("growth")
    return (need.astype(int) + (need & changed & at_renewal).astype(int)).astype(int)
