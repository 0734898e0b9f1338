"""Hand a draft that failed the gate twice to a human, with the findings."""

from __future__ import annotations

from typing import Any

from copilot.state import TurnState


def escalate_draft(state: TurnState) -> dict[str, Any]:
    """Mark the turn escalated: a person must edit or reject; it cannot be approved as is."""
    rules = sorted({f.rule for f in state["compliance"].findings if f.severity == "block"})
    notice = (
        f"Escalated to a human: the draft failed the compliance gate twice ({', '.join(rules)})."
    )
    return {"escalated": True, "notices": [notice]}
