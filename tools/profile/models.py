"""Pydantic outputs of ``customer_profile``."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, Field

from tools.growth.trends import GrowthTrends

ValueT = TypeVar("ValueT")
Segment = Literal["micro", "small", "medium"]
Lifecycle = Literal["startup", "growth", "mature", "declining"]
Level = Literal["low", "medium", "high"]


class Derived(BaseModel, Generic[ValueT]):
    """A derived value with the inputs that produced it."""

    value: ValueT = Field(description="The derived value.")
    label: str = Field(description="The value in plain words for an advisor.")
    rule: str = Field(description="How the value was derived, in plain words.")
    inputs: dict[str, Any] = Field(description="Every input the rule read, by name.")


class PolicyInForce(BaseModel):
    """A policy in force on the profile date."""

    product: str = Field(description="Product code, e.g. GL.")
    product_name: str = Field(description="Product display name.")
    risk_area: str = Field(description="Risk area the product covers.")
    annual_premium_eur: float = Field(description="Annual premium, EUR.")
    limit_eur: int = Field(description="Limit of indemnity, EUR.")
    deductible_eur: int = Field(description="Deductible, EUR.")
    start_date: date = Field(description="Inception date.")
    renewal_date: date = Field(description="Next renewal (expiry) date.")
    days_to_renewal: int = Field(description="Days from the profile date to renewal.")


class ClaimFact(BaseModel):
    """One claim."""

    product: str = Field(description="Product code the claim was made on.")
    claim_date: date = Field(description="Date of the claim.")
    amount_eur: float = Field(description="Claimed or paid amount, EUR.")
    status: Literal["open", "closed", "rejected"] = Field(description="Claim status.")


class ClaimsSummary(BaseModel):
    """Claims of the last years, and every claim still open."""

    window_years: int = Field(description="How many years back closed claims are listed.")
    open_count: int = Field(description="Claims still open (any age).")
    closed_count: int = Field(description="Claims closed within the window.")
    rejected_count: int = Field(description="Claims rejected within the window.")
    total_amount_eur: float = Field(description="Sum of listed claims that were not rejected.")
    last_claim_date: date | None = Field(description="Date of the most recent claim, if any.")
    claims: list[ClaimFact] = Field(description="Listed claims, newest first.")


class EventFact(BaseModel):
    """A recent business event about the customer or its industry."""

    event_type: str = Field(description="E.g. headcount_change, portal_login, industry_incident.")
    occurred_at: datetime = Field(description="When it happened.")
    scope: Literal["customer", "industry"] = Field(description="About the customer or industry.")
    payload: dict[str, Any] = Field(description="The event's figures as recorded.")


class AreaCoverage(BaseModel):
    """How well one risk area is covered against the covers the rules expect."""

    area: str = Field(description="property, liability, cyber, employees or financial.")
    score: int | None = Field(description="0-100 share of expected covers held; None: none due.")
    expected: list[str] = Field(description="Product codes the gap rules expect in this area.")
    held: list[str] = Field(description="Product codes held in this area (expected or not).")
    missing: list[str] = Field(description="Expected product codes not held.")


class ChannelPermission(BaseModel):
    """Whether a channel may carry marketing (unknown consent means no)."""

    channel: Literal["email", "phone", "portal"] = Field(description="The channel.")
    consent: Literal["given", "refused", "unknown"] = Field(description="Recorded consent.")
    marketing_allowed: bool = Field(description="Consent given and no objection to marketing.")
    preferred: bool = Field(description="The customer's preferred channel.")


class Flags(BaseModel):
    """Flags that restrict selling to the customer."""

    objection_to_marketing: bool = Field(description="Objected to direct marketing: no targeting.")
    care_flag: bool = Field(description="Vulnerable or in a care situation: care, not a sale.")
    open_claim: bool = Field(description="At least one claim open: cross-sell suppressed.")


class Firmographics(BaseModel):
    """Who the customer is."""

    name: str = Field(description="Company name.")
    org_number: str = Field(description="Organisation number.")
    country: str = Field(description="ISO country code (SE, NO, DK, FI, IS).")
    industry_code: str = Field(description="Industry group code, e.g. it_services.")
    industry_label: str = Field(description="Industry group label.")
    employees: int = Field(description="Headcount.")
    turnover_eur: int = Field(description="Annual turnover, EUR.")
    founded: date = Field(description="Founding date.")
    customer_since: date | None = Field(description="First policy date; None for a prospect.")
    is_prospect: bool = Field(description="True when the company holds no policy with us yet.")
    language: str = Field(description="Correspondence language code.")
    advisor_id: str = Field(description="Id of the advisor who looks after the customer.")


class CustomerProfile(BaseModel):
    """Everything the copilot may state about one customer, each derived value with inputs."""

    customer_id: str = Field(description="Customer id.")
    as_of: datetime = Field(description="The moment the profile describes.")
    firmographics: Firmographics = Field(description="Who the customer is.")
    policies: list[PolicyInForce] = Field(description="Policies in force, by renewal date.")
    total_annual_premium_eur: float = Field(description="Sum of premiums in force, EUR.")
    claims: ClaimsSummary = Field(description="Open claims and claims of the last years.")
    recent_events: list[EventFact] = Field(description="Recent events, newest first.")
    growth: GrowthTrends = Field(description="Headcount, revenue and location trends.")
    segment: Derived[Segment] = Field(description="Size segment from headcount.")
    lifecycle_stage: Derived[Lifecycle] = Field(description="Lifecycle stage from trends.")
    risk_score: Derived[int] = Field(description="Risk score 1-100 (higher: riskier).")
    engagement_level: Derived[Level] = Field(description="Engagement from portal activity.")
    coverage_score: Derived[int] = Field(description="0-100 share of expected covers held.")
    coverage_by_area: list[AreaCoverage] = Field(description="Coverage per risk area.")
    channels: list[ChannelPermission] = Field(description="Marketing permission per channel.")
    flags: Flags = Field(description="Objection, care and open-claim flags.")
    derivation_version: str = Field(description="Version of tools/profile/derivation.yaml.")
    gap_rules_version: str = Field(description="Version of the gap rules the coverage read.")
    catalogue_version: str = Field(description="Version of the product catalogue used.")


class ProfileRequest(BaseModel):
    """What a model may choose when asking for a profile (the customer comes from the run)."""

    now: date | None = Field(
        None, description="Date to describe the customer as of (ISO 8601); default the book's."
    )
