"""Node 9: put the approved message in the outbox (once), for the CRM to send."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from copilot.context import RunContext
from copilot.outbox.store import release
from copilot.state import TurnState
from tools.foundation.db import session_scope


def release_message(state: TurnState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Write the final text to the outbox; a re-run after a crash writes nothing twice."""
    with session_scope(runtime.context.settings) as session:
        released = release(session, state, runtime.context.now)
    return {"released": released}
