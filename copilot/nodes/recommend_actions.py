"""Node 4: the arbitrated actions with their reasons, and "why not" for the suppressed ones."""

from __future__ import annotations

from typing import Any

from copilot.state import Recommendation, SuppressedAction, TurnState


def _recommendation(ranked: dict[str, Any]) -> Recommendation:
    action = ranked["action"]
    reasons = [action["reason"], *ranked.get("reasons", [])]
    return Recommendation(
        product=action["product"],
        rank=ranked["rank"],
        reasons=list(dict.fromkeys(r for r in reasons if r)),
        channel=action.get("channel"),
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

    Actions without a product (a consultation, a renewal review) stay in the facts for the
    draft; only product actions are listed as recommendations.
    """
    arbitration = state.get("facts", {}).get("arbitrate")
    if not arbitration:
        return {"recommendations": [], "suppressed": []}
    chosen = [r for r in arbitration["chosen"] if r["action"].get("product")]
    suppressed = [s for s in map(_suppressed, arbitration["suppressed"]) if s is not None]
    return {"recommendations": [_recommendation(r) for r in chosen], "suppressed": suppressed}
