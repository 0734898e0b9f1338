"""The tool registry: identity injected, typed tool errors recorded, others propagate."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session

from copilot.plan import TOOL_NAMES
from copilot.tool_registry import TOOL_REGISTRY, ToolCall, run_tool
from tests.copilot.conftest import NOW
from tools.foundation.db import session_factory
from tools.foundation.errors import NotEligible
from tools.foundation.settings import Settings

pytestmark = pytest.mark.usefixtures("models_env")


def _call(session: Session, products: list[str] | None = None) -> ToolCall:
    return ToolCall(session=session, customer_id="S000001", now=NOW, products=products or [])


def test_every_plannable_tool_is_registered() -> None:
    assert set(TOOL_REGISTRY) == set(TOOL_NAMES)


def test_expected_tool_error_is_recorded_typed(shared_settings: Settings) -> None:
    def refuse(call: ToolCall) -> Any:
        raise NotEligible(f"{call.customer_id} is not in the target market")

    with session_factory(shared_settings)() as session:
        run = run_tool("check_eligibility", refuse, _call(session))

    assert run.output is None
    assert run.error is not None and run.error.error_type == "NotEligible"
    assert "S000001" in run.error.message


def test_unexpected_tool_error_propagates(shared_settings: Settings) -> None:
    def broken(call: ToolCall) -> Any:
        raise ValueError("bug")

    with session_factory(shared_settings)() as session, pytest.raises(ValueError):
        run_tool("quote", broken, _call(session))


def test_quote_without_products_is_skipped(shared_settings: Settings) -> None:
    with session_factory(shared_settings)() as session:
        run = run_tool("quote", TOOL_REGISTRY["quote"], _call(session))

    assert run.skipped and run.output is None


def test_identity_comes_from_the_call_not_the_plan(shared_settings: Settings) -> None:
    with session_factory(shared_settings)() as session:
        run = run_tool("customer_profile", TOOL_REGISTRY["customer_profile"], _call(session))

    assert run.output["customer_id"] == "S000001"
