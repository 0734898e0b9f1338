"""One customer's propensity and expected value of an action, in plain Python.

The twins of ``tools.scores.book.propensity_column`` (the model's probability where it scored
the product, else the catalogue prior of ``tools.scores.prior``) and of the expected value in
``candidates._enrich``. Figures are rounded as numpy rounds them, so both paths agree to the
last digit.
"""

from __future__ import annotations

from collections.abc import Iterable

from tools.catalogue.loader import Catalogue
from tools.contact_policy.pack import ContactPolicy
from tools.nba.config import TriggerConfig
from tools.nba.model_view import ModelView
from tools.scores.prior import prior_propensity_of
from tools.snapshot import PolicyRow

SELLING_KINDS = frozenset({"cross_sell", "incident_outreach"})
NO_PRODUCT = "GL"
"""Product whose propensity an action without a product carries (it never sells it)."""


def round_half_even(value: float, decimals: int) -> float:
    """Return ``value`` rounded as ``numpy.round`` does: scaled, rounded half to even, unscaled."""
    scale = 10.0**decimals
    return round(value * scale) / scale


def propensity_of(
    held: Iterable[str],
    product: str | None,
    scores: ModelView | None,
    catalogue: Catalogue,
    policy: ContactPolicy,
) -> float:
    """Return an action's propensity: the model's where it scored the product, else the prior."""
    code = product or NO_PRODUCT
    model = scores.propensity_of(code) if scores is not None else None
    return model if model is not None else prior_propensity_of(held, code, catalogue, policy)


def own_premiums(policies: Iterable[PolicyRow]) -> dict[str, float]:
    """Return the premium of each held product (its first policy by id when several)."""
    premiums: dict[str, float] = {}
    for policy in sorted(policies, key=lambda p: p.id):
        premiums.setdefault(policy.product_code, policy.annual_premium_eur)
    return premiums


def expected_value(
    kind: str,
    product: str | None,
    propensity: float,
    own_premium: float | None,
    config: TriggerConfig,
    catalogue: Catalogue,
) -> float:
    """Return an action's expected value, EUR, to the cent.

    A review (``value_share``) is worth its share of the premium it concerns; a product sale
    the propensity times the product's mid indicative premium; anything else nothing.
    """
    share = config.value_share.get(kind)
    if share is not None:
        value = own_premium * share if own_premium is not None else 0.0
    elif kind in SELLING_KINDS and product is not None:
        value = propensity * catalogue.mid_premium()[product]
    else:
        value = 0.0
    return round_half_even(value, 2)
