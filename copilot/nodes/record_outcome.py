"""Node 8: store the decision with the draft, the edit diff and the evidence."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from copilot.context import RunContext
from copilot.records.outcome import record_decision
from copilot.state import TurnState
from tools.foundation.db import session_scope


def record_outcome(state: TurnState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Write the records in one transaction (identity from the stored state, not the caller)."""
    with session_scope(runtime.context.settings) as session:
        record_id = record_decision(session, state)
    return {"record_id": record_id}
