"""Public models of the decision orchestrator."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from tools.nba.models import ActionCandidate

Delivery = Literal["advisor_call", "automated_email", "portal_message"]


class RankedAction(BaseModel):
    """A chosen action, in the order the conversation should take it."""

    rank: int = Field(description="1 = the lead of today's single conversation.")
    action: ActionCandidate = Field(description="The candidate that was chosen.")
    score: float = Field(description="propensity x value x relevance x levers.")
    score_terms: dict[str, float] = Field(
        description="The four terms: propensity, value, relevance, levers."
    )
    delivery: Delivery = Field(description="How the conversation reaches the customer.")
    merged_into: str | None = Field(
        None, description="Action id of the lead this action joins (one outreach a day)."
    )


class Suppression(BaseModel):
    """A candidate the contact policy held back, and the rule that did it (the why-not trace)."""

    candidate: ActionCandidate = Field(description="The suppressed candidate.")
    rule_id: str = Field(description="Rule id from contact_policy.yaml.")
    rule: str = Field(description="The rule in plain words.")
    evidence: dict[str, Any] = Field(description="The facts that made the rule apply.")


class Arbitration(BaseModel):
    """The orchestrator's decision for one customer."""

    customer_id: str = Field(description="The customer decided on.")
    decided_at: datetime = Field(description="The decision moment.")
    chosen: list[RankedAction] = Field(description="Chosen actions, lead first.")
    suppressed: list[Suppression] = Field(description="Every candidate held back, with why.")
    policy_version: str = Field(description="Version of contact_policy.yaml applied.")
    ranking_basis: str = Field(description="'model vN' or 'catalogue prior'.")
