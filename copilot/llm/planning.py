"""Ask the model to classify an advisor's message into a ``Plan`` (the understand step)."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, Field

from copilot.llm.errors import LLMUnavailable
from copilot.llm.protocol import LanguageModel
from copilot.llm.result import StructuredGeneration
from copilot.plan import TOOL_NAMES, Channel, Intent, Plan
from prompts.registry import load_prompt

PLAN_PROMPT_ID = "plan"
"""Prompt id of the planner."""


class PlanProposal(BaseModel):
    """The plan as the model proposes it, before tools and products are checked."""

    intent: Intent = Field(description="What the advisor asked for.")
    products: list[str] = Field(description="Catalogue product codes the message names.")
    channel: Channel | None = Field(description="Requested outreach format, or null.")
    tools: list[str] = Field(description="Tool names to run, in order.")


def check_proposal(proposal: PlanProposal, product_codes: Sequence[str]) -> Plan:
    """Turn a proposal into a ``Plan`` after checking its tools and products.

    Args:
        proposal: What the model returned.
        product_codes: The catalogue's product codes.

    Returns:
        The plan with ``source="llm"``; duplicates removed, order kept.

    Raises:
        LLMUnavailable: ``invalid_plan`` when a tool is not a ``ToolName`` or a product is not
            in the catalogue.
    """
    unknown_tools = [tool for tool in proposal.tools if tool not in TOOL_NAMES]
    unknown_products = [code for code in proposal.products if code not in product_codes]
    if unknown_tools or unknown_products:
        raise LLMUnavailable(
            "invalid_plan", f"unknown tools {unknown_tools}, unknown products {unknown_products}"
        )
    return Plan.model_validate(
        {
            "intent": proposal.intent,
            "products": list(dict.fromkeys(proposal.products)),
            "channel": proposal.channel,
            "tools": list(dict.fromkeys(proposal.tools)),
            "source": "llm",
        }
    )


def propose_plan(
    llm: LanguageModel, message: str, product_codes: Sequence[str]
) -> StructuredGeneration[Plan]:
    """Classify an advisor's message into a plan with the model.

    The json_schema pins tools to ``ToolName`` and products to the catalogue codes; the
    answer is checked again here, since not every server enforces the schema.

    Args:
        llm: The adapter.
        message: The advisor's message (redacted before sending).
        product_codes: The catalogue's product codes, e.g. ``load_catalogue().codes``.

    Returns:
        The checked plan (``source="llm"``) with its raw text and provenance.

    Raises:
        LLMUnavailable: Any transport or output failure, or ``invalid_plan``.
    """
    prompt = load_prompt(PLAN_PROMPT_ID)
    answer = llm.structured(
        prompt,
        {"message": message, "products": ", ".join(product_codes)},
        PlanProposal,
        enums={"products": list(product_codes), "tools": list(TOOL_NAMES)},
    )
    plan = check_proposal(answer.parsed, product_codes)
    return StructuredGeneration[Plan](parsed=plan, **answer.model_dump(exclude={"parsed"}))
