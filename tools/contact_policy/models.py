"""Public models of the contact policy."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ContactPolicyStatus(BaseModel):
    """Whether and how the customer may be contacted for sales now."""

    customer_id: str = Field(description="The customer.")
    sales_allowed: bool = Field(description="False when any block applies.")
    blocks: list[str] = Field(description="Rule ids that block sales contact now.")
    channel_consent: dict[str, bool] = Field(
        description="Consent per channel; unknown consent counts as False."
    )
    recommendations_this_month: int = Field(
        description="Product recommendations presented this calendar month."
    )
    evidence: dict[str, Any] = Field(description="The facts behind each block.")
    policy_version: str = Field(description="Version of contact_policy.yaml applied.")
