"""Node 3: the arbitrated actions with their reasons, and "why not" for the suppressed ones."""

from __future__ import annotations

from typing import Any

from copilot.state import Recommendation, SuppressedAction, TurnState
from copilot.turn_facts import turn_facts
from tools.decision import RankedAction, Suppression
from tools.nba.models import PRODUCT_KINDS, ActionCandidate


def _triggered_at(action: ActionCandidate) -> str:
    # The event's own time when the trigger's evidence dates it (an industry incident), so
    # response time runs from the event; otherwise when the trigger was detected.
    occurred = action.trigger.evidence.get("occurred_at")
    return str(occurred) if occurred else action.trigger.detected_at.isoformat()


def _recommendation(ranked: RankedAction, rank: int) -> Recommendation:
    action = ranked.action
    return Recommendation(
        product=action.product or "",
        rank=rank,
        reasons=[action.reason] if action.reason else [],
        channel=action.channel,
        delivery=ranked.delivery,
        action=action.kind,
        due=action.due_by.isoformat(),
        score=ranked.score,
        trigger=action.trigger.kind,
        urgency=action.urgency,
        triggered_at=_triggered_at(action),
        propensity=ranked.score_terms.get("propensity"),
    )


def _suppressed(entry: Suppression) -> SuppressedAction | None:
    if not entry.candidate.product:
        return None
    return SuppressedAction(product=entry.candidate.product, rule=entry.rule_id, reason=entry.rule)


def recommend_actions(state: TurnState) -> dict[str, Any]:
    """Turn the decision tool's arbitration into ranked recommendations and suppressions.

    Recommendations are the chosen actions that offer a product the customer does not hold
    (cross-sell, incident outreach), ranked 1..n in arbitration order; reviews of held
    products and consultations stay in ``actions`` with the arbitration's own rank.
    """
    arbitration = turn_facts(state).arbitrate
    if arbitration is None:
        return {"actions": [], "recommendations": [], "suppressed": []}
    chosen = [r for r in arbitration.chosen if r.action.product]
    offers = [r for r in chosen if r.action.kind in PRODUCT_KINDS]
    suppressed = [s for s in map(_suppressed, arbitration.suppressed) if s is not None]
    return {
        "actions": [_recommendation(r, r.rank) for r in chosen],
        "recommendations": [_recommendation(r, n) for n, r in enumerate(offers, start=1)],
        "suppressed": suppressed,
    }
