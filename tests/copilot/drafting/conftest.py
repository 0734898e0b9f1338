"""The five seed use cases' turn states at the draft, for drafting each channel and language."""

from __future__ import annotations

from typing import cast

import pytest

from copilot.decisions import thread
from copilot.service import TurnRequest, TurnService
from copilot.state import TurnState
from tests.copilot.cli.test_ask_cmd import SEED_CASES
from tests.copilot.conftest import NOW, SEED_ADVISOR
from tools.foundation.settings import Settings

SEED_IDS = ("S000001", "S000002", "S000003", "S000004", "S000005")
SEED_NAMES = ("growth", "incident", "webshop", "renewal", "behaviour")


@pytest.fixture(scope="session")
def seed_states(shared_settings: Settings) -> dict[str, TurnState]:
    """Return each seed use case's turn state (offline), by case name."""
    service = TurnService(shared_settings, llm=None)
    states: dict[str, TurnState] = {}
    for name, customer_id, (_, message) in zip(SEED_NAMES, SEED_IDS, SEED_CASES, strict=True):
        request = TurnRequest(
            advisor_id=SEED_ADVISOR, customer_id=customer_id, message=message, now=NOW
        )
        result = service.start(request)
        states[name] = cast(TurnState, service.graph.get_state(thread(result.request_id)).values)
    return states
