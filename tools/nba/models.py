"""Public models of the next-best-action tool."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

ActionKind = Literal[
    "cross_sell", "renewal_review", "limits_review", "consultation", "care", "incident_outreach"
]
TriggerKind = Literal[
    "renewal", "growth", "industry_incident", "behaviour", "claim", "quote_request", "gap"
]
Urgency = Literal["high", "medium", "low"]
Channel = Literal["email", "phone", "portal"]

PRODUCT_KINDS: frozenset[str] = frozenset({"cross_sell", "incident_outreach"})
"""Action kinds that recommend a product the customer does not hold (they count to the cap)."""


class Trigger(BaseModel):
    """What made the action worth doing now."""

    kind: TriggerKind = Field(description="Trigger family.")
    evidence: dict[str, Any] = Field(description="The facts that fired it, with figures.")
    detected_at: datetime = Field(description="When the trigger was evaluated (the run's now).")


class ActionCandidate(BaseModel):
    """A proposed action before the contact policy and ranking decide on it."""

    action_id: str = Field(description="Stable id: customer, kind, product and trigger.")
    customer_id: str = Field(description="The customer the action concerns.")
    kind: ActionKind = Field(description="What to do.")
    product: str | None = Field(description="Product code concerned, or None for a consultation.")
    trigger: Trigger = Field(description="Why now.")
    reason: str = Field(description="Plain-words reason with the figures.")
    due_by: datetime = Field(description="Deadline for the contact.")
    channel: Channel = Field(description="Channel from preference and response history.")
    urgency: Urgency = Field(description="high (48 h), medium or low.")
    relevance: float = Field(description="Relevance 0-100: the strongest of the proposing rules.")
    expected_value_eur: float = Field(description="Propensity x indicative annual premium, EUR.")
