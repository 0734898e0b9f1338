"""Pydantic outputs of ``check_eligibility``."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from tools.eligibility.pack import RuleCategory


class RuleResult(BaseModel):
    """The outcome of one eligibility rule."""

    rule_id: str = Field(description="Stable rule id from the rule pack.")
    description: str = Field(description="What passing the rule means, in plain words.")
    category: RuleCategory = Field(description="product: suitability; conduct: may offer now.")
    passed: bool = Field(description="True when the rule passed.")
    detail: str = Field(description="The figures the rule compared.")


class Eligibility(BaseModel):
    """Whether a customer may be offered a product, with every rule's outcome."""

    customer_id: str = Field(description="Customer id.")
    product: str = Field(description="Product code.")
    product_name: str = Field(description="Product display name.")
    as_of: datetime = Field(description="The moment the rules were evaluated for.")
    eligible: bool = Field(description="True only when every rule passed.")
    rules: list[RuleResult] = Field(description="Every rule in pack order, passed or not.")
    failed: list[str] = Field(description="Ids of the rules that failed.")
    rule_pack_version: str = Field(description="Version of tools/eligibility/rules.yaml used.")
    catalogue_version: str = Field(description="Version of the product catalogue used.")


class EligibilityRequest(BaseModel):
    """What a model may choose when checking eligibility (the customer comes from the run)."""

    product: str = Field(description="Product code to check, e.g. CYBER.")
    quoted_with: list[str] = Field(
        default_factory=list, description="Codes bought together (they satisfy prerequisites)."
    )
    now: datetime | None = Field(
        None, description="Moment to evaluate (ISO 8601); default the book's as-of date."
    )
