"""Node 4: the arbitrated actions with their reasons, and "why not" for the suppressed ones."""

from __future__ import annotations

from typing import Any

from copilot.state import Recommendation, SuppressedAction, TurnState
from tools.nba.models import PRODUCT_KINDS


def _recommendation(ranked: dict[str, Any], rank: int) -> Recommendation:
    action = ranked["action"]
    reasons = [action["reason"], *ranked.get("reasons", [])]
    return Recommendation(
        product=action["product"],
        rank=rank,
        reasons=list(dict.fromkeys(r for r in reasons if r)),
        channel=action.get("channel"),
        delivery=ranked.get("delivery"),
        action=action.get("kind"),
        due=action.get("due_by"),
        score=ranked.get("score"),
    )


def _suppressed(entry: dict[str, Any]) -> SuppressedAction | None:
    product = entry["candidate"].get("product")
    if not product:
        return None
    return SuppressedAction(product=product, rule=entry["rule_id"], reason=entry["rule"])


def recommend_actions(state: TurnState) -> dict[str, Any]:
    """Turn the decision tool's arbitration into ranked recommendations and suppressions.

    Recommendations are the chosen actions that offer a product the customer does not hold
    (cross-sell, incident outreach), ranked 1..n in arbitration order; reviews of held
    products and consultations stay in ``actions`` with the arbitration's own rank.
    """
    arbitration = state.get("facts", {}).get("arbitrate")
    if not arbitration:
        return {"actions": [], "recommendations": [], "suppressed": []}
    chosen = [r for r in arbitration["chosen"] if r["action"].get("product")]
    actions = [
        _recommendation(r, r["rank"]) for r in arbitration["chosen"] if r["action"].get("product")
    ]
    offers = [r for r in chosen if r["action"]["kind"] in PRODUCT_KINDS]
    suppressed = [s for s in map(_suppressed, arbitration["suppressed"]) if s is not None]
    return {
        "actions": actions,
        "recommendations": [_recommendation(r, n) for n, r in enumerate(offers, start=1)],
        "suppressed": suppressed,
    }
