"""Public models of portfolio action lists."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

ListKind = Literal["incident_without_cover", "renewals_due", "growth", "top_defend"]


class PortfolioItem(BaseModel):
    """One customer on an action list."""

    priority: int = Field(description="1 = first to act on.")
    customer_id: str = Field(description="Customer id.")
    name: str = Field(description="Customer name.")
    advisor_id: str = Field(description="The advisor who looks after the customer.")
    industry: str = Field(description="Industry code.")
    employees: int = Field(description="Headcount.")
    turnover_eur: int = Field(description="Annual turnover, EUR.")
    action_id: str = Field(description="The chosen action behind the entry.")
    product: str | None = Field(description="Product concerned, if any.")
    reason: str = Field(description="Plain-words reason with figures.")
    urgency: str = Field(description="high, medium or low.")
    due_by: datetime = Field(description="Deadline of the contact.")
    delivery: str = Field(description="advisor_call, automated_email or portal_message.")
    expected_value_eur: float = Field(description="Expected value of the action, EUR.")


class PortfolioList(BaseModel):
    """An action list over a book or a segment, sorted by priority."""

    kind: ListKind = Field(description="Which list.")
    generated_at: datetime = Field(description="The decision moment.")
    scope: dict[str, str | None] = Field(description="advisor_id, segment, industry, product.")
    items: list[PortfolioItem] = Field(description="Entries, priority order.")
    excluded: dict[str, int] = Field(
        description="Customers that would qualify but the contact policy held back, by rule."
    )
    policy_version: str = Field(description="Version of contact_policy.yaml applied.")
