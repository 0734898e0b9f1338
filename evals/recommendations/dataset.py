"""The versioned recommendations dataset (``evals/datasets/recommendations.yaml``) and its schema.

The file holds the five seed use cases with expectations written by hand from
``shared/DOMAIN.md``, the rule that derives the generated cases from a book's ground truth,
and the contact-policy and timing windows of DOMAIN.md the expectations are built from. The
windows are copied here on purpose, not read from ``triggers.yaml`` or
``contact_policy.yaml``: a change to the system's configuration must not move the answers.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, model_validator

DATASET_PATH = Path(__file__).resolve().parent.parent / "datasets" / "recommendations.yaml"
"""Where the dataset lives."""

Channel = Literal["email", "phone", "portal"]
Delivery = Literal["advisor_call", "automated_email", "portal_message"]
Urgency = Literal["high", "medium", "low"]
StratumTag = Literal[
    "objection",
    "care",
    "claim",
    "contact_block",
    "no_consent",
    "worst_quintile",
    "incident",
    "growth",
    "renewal",
    "behaviour",
    "plain",
]


class ChannelSpec(BaseModel):
    """How the lead action must reach the customer."""

    channel: Channel | None = Field(None, description="The lead action's chosen channel.")
    delivery: Delivery | None = Field(None, description="The lead action's delivery.")


class TimingSpec(BaseModel):
    """An action the customer's trigger calls for, and when it is due at the latest."""

    trigger: str = Field(description="Trigger kind the action must carry (growth, renewal, ...).")
    product: str | None = Field(None, description="Product the action must be about, if any.")
    urgency: Urgency | None = Field(None, description="Urgency the action must have, if any.")
    within_hours: float | None = Field(
        None, gt=0, description="Due no later than this many hours after the decision moment."
    )
    days_before_renewal: int | None = Field(
        None, ge=0, description="Due no later than this many days before the product renews."
    )

    @model_validator(mode="after")
    def _one_deadline(self) -> TimingSpec:
        if (self.within_hours is None) == (self.days_before_renewal is None):
            raise ValueError("give exactly one of within_hours and days_before_renewal")
        if self.days_before_renewal is not None and self.product is None:
            raise ValueError("days_before_renewal needs the renewing product")
        return self


class SeedCase(BaseModel):
    """One of DOMAIN.md's five acceptance use cases, expectations written by hand."""

    id: str = Field(description="Stable case id.")
    customer_id: str = Field(description="Seed customer id (S000001..S000005).")
    use_case: int = Field(ge=1, le=5, description="Use case number in DOMAIN.md.")
    title: str = Field(description="The use case's title.")
    tags: list[str] = Field(default_factory=list, description="Tags for the report's charts.")
    expected_top: list[str] = Field(
        min_length=1, description="Products DOMAIN.md expects among the top 2."
    )
    expected_first: str | None = Field(None, description="Product that must be ranked first.")
    forbidden: list[str] = Field(
        default_factory=list,
        description="Products DOMAIN.md rules out (held); the book's rules add more at run time.",
    )
    lead_kind: str | None = Field(None, description="Kind of action that must lead.")
    channel: ChannelSpec | None = Field(None, description="Expected channel and delivery.")
    timing: list[TimingSpec] = Field(default_factory=list, description="Dated actions expected.")
    note: str = Field("", description="Where the expectation comes from.")

    @model_validator(mode="after")
    def _first_is_expected(self) -> SeedCase:
        if self.expected_first is not None and self.expected_first not in self.expected_top:
            raise ValueError(f"{self.id}: expected_first must be one of expected_top")
        if set(self.expected_top) & set(self.forbidden):
            raise ValueError(f"{self.id}: a product is both expected and forbidden")
        return self


class BookReference(BaseModel):
    """The generated book the thresholds were measured on."""

    seed: int = Field(description="Generator seed.")
    customers: int = Field(description="Generated customers (plus the five seed customers).")
    as_of: date = Field(description="The book's as-of date.")


class Stratum(BaseModel):
    """A kind of generated customer and how many of them to draw."""

    tag: StratumTag = Field(description="Stratum tag (also a case tag).")
    take: int = Field(ge=1, description="Customers to draw into this stratum.")
    description: str = Field(description="Which customers belong to it (first match wins).")


class GeneratedSpec(BaseModel):
    """How generated cases are derived from a book and its ground truth at run time."""

    derivation_version: str = Field(description="Version of the derivation rule below.")
    reference_book: BookReference = Field(description="The book the thresholds were set on.")
    salt: str = Field(description="Salt of the stable hash that orders customers for drawing.")
    oracle_top: int = Field(2, ge=1, description="How many oracle products count as expected.")
    strata: list[Stratum] = Field(min_length=1, description="Strata in order of precedence.")
    derivation: str = Field(description="The derivation rule in words.")

    @property
    def count(self) -> int:
        """Return the number of generated cases asked for."""
        return sum(stratum.take for stratum in self.strata)


class Windows(BaseModel):
    """Contact-policy and timing figures of DOMAIN.md the expectations are derived with."""

    claim_quiet_days: int = Field(description="No sales contact within this many days of a claim.")
    max_recommendations_per_month: int = Field(description="Product recommendations a month.")
    present_top: int = Field(description="Recommendations presented at once.")
    incident_lookback_days: int = Field(description="An industry incident this recent counts.")
    incident_within_hours: float = Field(description="Incident outreach due within, hours.")
    incident_products: dict[str, str] = Field(
        description="Incident kind -> the cover it calls for."
    )
    growth_lookback_days: int = Field(description="A growth event this recent counts.")
    revenue_jump_pct: float = Field(description="Revenue growth above this is a growth trigger.")
    headcount_jump_pct: float = Field(description="Headcount growth above this is a trigger.")
    growth_within_hours: float = Field(description="Growth consultation due within, hours.")
    behaviour_window_days: int = Field(description="Window the portal logins are counted in.")
    behaviour_min_logins: int = Field(description="Logins in the window that trigger a message.")
    behaviour_within_hours: float = Field(description="Portal message due within, hours.")
    renewal_window_days: int = Field(description="Renewals this close open a review.")
    renewal_last_reminder_days: int = Field(description="The review is due by this reminder.")


class Dataset(BaseModel):
    """The whole recommendations dataset."""

    id: str = Field(description="Dataset id.")
    version: str = Field(description="Dataset version, recorded in every result.")
    description: str = Field(description="What the dataset measures.")
    windows: Windows = Field(description="DOMAIN.md's figures the expectations use.")
    seed_cases: list[SeedCase] = Field(min_length=5, description="The five seed use cases.")
    generated: GeneratedSpec = Field(description="How the generated cases are derived.")

    @model_validator(mode="after")
    def _unique(self) -> Dataset:
        ids = [case.id for case in self.seed_cases]
        customers = [case.customer_id for case in self.seed_cases]
        if len(set(ids)) != len(ids) or len(set(customers)) != len(customers):
            raise ValueError("seed case ids and customers must be unique")
        tags = [stratum.tag for stratum in self.generated.strata]
        if len(set(tags)) != len(tags):
            raise ValueError("each stratum tag appears once")
        return self


def load_dataset(path: Path = DATASET_PATH) -> Dataset:
    """Load and validate the dataset file."""
    with path.open(encoding="utf-8") as handle:
        return Dataset.model_validate(yaml.safe_load(handle))
