"""Node 1: understand the advisor's request as a typed ``Plan`` (LLM, else the local router)."""

from __future__ import annotations

import logging
from typing import Any

from langgraph.runtime import Runtime

from copilot.context import LanguageModel, RunContext
from copilot.llm.errors import LLMUnavailable
from copilot.llm.planning import propose_plan
from copilot.plan import Plan
from copilot.router import complete_plan, route
from copilot.state import TurnState
from prompts.registry import PromptRef
from tools.catalogue import load_catalogue

logger = logging.getLogger(__name__)


def plan_with_fallback(
    message: str, llm: LanguageModel | None
) -> tuple[Plan, PromptRef | None, str | None]:
    """Plan with the LLM when configured; on any LLM fault use the router and say why.

    Returns:
        The plan, the prompt that produced it (None for the router) and a notice for the
        advisor when the fallback happened (else None).
    """
    if llm is None:
        return route(message), None, None
    try:
        answer = propose_plan(llm, message, load_catalogue().codes)
    except LLMUnavailable as fault:
        logger.warning("planning fell back to the local router: %s", fault)
        return route(message), None, str(fault)
    return complete_plan(answer.parsed, message), answer.prompt, None


def understand_request(state: TurnState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Store the run's identity in the state and plan the request.

    Only the advisor's message is planned; CRM free text is never read here, so a note in
    the CRM cannot change the plan.
    """
    context = runtime.context
    plan, prompt, notice = plan_with_fallback(state["message"], context.llm)
    update: dict[str, Any] = {
        "advisor_id": context.advisor_id,
        "customer_id": context.customer_id,
        "request_id": context.request_id,
        "now": context.now,
        "plan": plan,
        "plan_prompt": prompt,
        "llm_fallback": notice is not None,
    }
    if notice:
        update["notices"] = [notice]
    return update
