"""The typed plan the understand step produces: what the advisor wants and which tools to run."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Intent = Literal[
    "recommend",
    "explain_gap",
    "product_question",
    "compliance_question",
    "draft_outreach",
    "prepare_call",
    "renewal_prep",
]
"""What the advisor asked for."""

ToolName = Literal[
    "customer_profile",
    "coverage_gaps",
    "check_eligibility",
    "quote",
    "propensity",
    "risk_profile",
    "churn_clv",
    "next_best_actions",
    "arbitrate",
]
"""The deterministic tools a plan may call; identity arguments are injected, never planned."""

Channel = Literal["email", "call_script", "portal_message", "talking_points"]
"""The outreach format of a draft."""

TOOL_NAMES: tuple[str, ...] = ToolName.__args__  # type: ignore[attr-defined]
INTENTS: tuple[str, ...] = Intent.__args__  # type: ignore[attr-defined]
CHANNELS: tuple[str, ...] = Channel.__args__  # type: ignore[attr-defined]


class Plan(BaseModel):
    """The understood request: intent, the products and channel mentioned, the tools to run."""

    intent: Intent = Field(description="What the advisor asked for.")
    products: list[str] = Field(
        default_factory=list, description="Catalogue product codes the advisor mentioned."
    )
    channel: Channel | None = Field(None, description="Requested outreach format, if any.")
    tools: list[ToolName] = Field(
        default_factory=list, description="Deterministic tools to run, in order."
    )
    source: Literal["llm", "router"] = Field(
        "router", description="Whether an LLM or the local router produced the plan."
    )
