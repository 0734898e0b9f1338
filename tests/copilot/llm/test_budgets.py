"""Every LLM request of the five seed use cases stays within its prompt's token budget.

The scripted model renders exactly what a server would get (same minimisation, same budget
check); the first draft of each case fails the gate, so the revision request is measured
too. A request over budget would be refused (``too_long``) and the turn would fall back to
the offline drafter, which the test would see.
"""

from __future__ import annotations

from typing import Any

import pytest

from copilot.llm.drafting import LANGUAGE_NAMES
from copilot.router import route
from prompts.budget import approx_message_tokens
from prompts.registry import load_prompt
from tests.copilot.cli.test_ask_cmd import SEED_CASES
from tests.copilot.conftest import NOW, SEED_ADVISOR, ScriptedLLM
from tests.copilot.turns import run_turn
from tools.foundation.settings import Settings

SEED_IDS = ("S000001", "S000002", "S000003", "S000004", "S000005")


def _promising(variables: dict[str, Any]) -> str:
    """A draft the gate blocks (an absolute claim), so that a revision is asked for."""
    return f"{variables['reference']}\nYou are guaranteed to be fully covered."


def _reference(variables: dict[str, Any]) -> str:
    return str(variables["reference"])


@pytest.mark.parametrize(("customer_id", "case"), zip(SEED_IDS, SEED_CASES, strict=True))
def test_plan_draft_and_revision_fit_their_budgets(
    shared_settings: Settings, customer_id: str, case: tuple[str, str]
) -> None:
    message = case[1]
    plan = route(message).model_dump(include={"intent", "products", "channel", "tools"})
    llm = ScriptedLLM(plans=[plan], drafts=[_promising, _reference])

    result = run_turn(shared_settings, SEED_ADVISOR, customer_id, message, now=NOW, llm=llm)

    assert not result.notices or not any("token budget" in n for n in result.notices)
    kinds = [call.prompt_id for call in llm.calls]
    assert kinds[0] == "plan" and "revise_draft" in kinds, kinds
    for call in llm.calls:
        budget = load_prompt(call.prompt_id).max_prompt_tokens
        assert approx_message_tokens(call.messages) <= budget, call.prompt_id  # type: ignore[arg-type]
    assert result.draft is not None and result.draft.source == "llm"
    drafts = [c for c in llm.calls if c.prompt_id != "plan" and c.prompt_id != "review"]
    assert {c.variables["language"] for c in drafts} == {LANGUAGE_NAMES[result.draft.language]}
