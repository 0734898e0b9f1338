"""The documented ranking formula for one customer's candidates, in plain Python.

The twin of ``ranking.score_terms`` and ``ranking.need_tiers`` (see ``ranking`` for the
formula and the need tiers): the same terms multiplied in the same order and rounded as
numpy rounds, so a candidate scores the same on both paths.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tools.catalogue.loader import Catalogue
from tools.contact_policy.pack import ContactPolicy
from tools.decision.ranking import value_terms
from tools.nba.customer_value import round_half_even
from tools.nba.models import PRODUCT_KINDS, ActionCandidate


@dataclass(frozen=True, slots=True)
class ScoreTerms:
    """One candidate's score terms, score and need tier."""

    propensity: float
    """The model's or the prior's probability (1 for an action that sells nothing new)."""
    value: float
    """The damped premium term (1 without a product)."""
    relevance: float
    """The strongest proposing rule's relevance / 100."""
    levers: float
    """Timing lever x strategic lever."""
    score: float
    """The product of the four terms, to six decimals."""
    need_tier: int
    """2 a change reviewed at renewal, 1 a need, 0 neither."""

    def terms(self) -> dict[str, float]:
        """Return the four terms by name, to six decimals (as the trace quotes them)."""
        return {
            "propensity": round(self.propensity, 6),
            "value": round(self.value, 6),
            "relevance": round(self.relevance, 6),
            "levers": round(self.levers, 6),
        }


def customer_score_terms(
    candidates: Sequence[ActionCandidate],
    propensities: Sequence[float],
    catalogue: Catalogue,
    policy: ContactPolicy,
) -> list[ScoreTerms]:
    """Return the score terms of each of one customer's candidates.

    Args:
        candidates: The customer's candidates.
        propensities: Each candidate's propensity (model or prior), in the same order.
        catalogue: The product catalogue.
        policy: The contact policy (its ranking parameters).
    """
    ranking = policy.ranking
    per_product, no_product = value_terms(catalogue, policy)
    # Timing is the customer's: every action joins the one conversation an event opens.
    triggered = any(c.trigger.kind != "gap" for c in candidates)
    timing = ranking.timing_lever["event_driven" if triggered else "standing"]
    renewing = any(c.kind == "renewal_review" for c in candidates)
    out = []
    for candidate, propensity in zip(candidates, propensities, strict=True):
        product = candidate.product
        term_p = float(propensity) if candidate.kind in PRODUCT_KINDS else 1.0
        term_v = per_product.get(product, no_product) if product is not None else no_product
        term_r = candidate.relevance / 100
        strategic = ranking.product_levers.get(product, 1.0) if product is not None else 1.0
        term_l = timing * strategic
        need = candidate.relevance >= ranking.need_threshold
        growth = candidate.trigger.kind == "growth"
        out.append(
            ScoreTerms(
                propensity=term_p,
                value=term_v,
                relevance=term_r,
                levers=term_l,
                score=round_half_even(term_p * term_v * term_r * term_l, 6),
                need_tier=int(need) + int(need and growth and renewing),
            )
        )
    return out
