"""Settings and result of a simulation run."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field


class SimulationSpec(BaseModel):
    """What to simulate."""

    days: int = Field(90, ge=2, description="Length of the run; retraining happens halfway.")
    customers: int = Field(600, ge=50, description="Synthetic customers in the generated book.")
    seed: int = Field(11, description="Seed of the book and of the customers' responses.")
    as_of: date = Field(date(2026, 11, 22), description="The book's as-of date (day 0).")
    control_share: float = Field(0.2, gt=0, lt=1, description="Customers held out as control.")
    organic_share: float = Field(
        0.5,
        ge=0,
        le=1,
        description="Assumption: without an offer a customer buys with this share of their "
        "true probability (the outreach effect the control group measures).",
    )
    response_spread: float = Field(
        0.5,
        ge=0,
        le=2,
        description="Assumption: how much products differ in how customers respond to an offer "
        "of them: each product's chance of acceptance is the customer's true purchase "
        "probability times exp(z), z ~ N(0, spread^2) per product, centred (0: offers are "
        "accepted exactly at the purchase probability, so outcomes teach nothing new).",
    )
    rating_share: float = Field(
        0.3,
        ge=0,
        le=1,
        description="Assumption: share of the offers not accepted whose recommendation the "
        "advisor rates (2 stars 'not relevant' below the median acceptance chance of the "
        "offers, 3 stars 'wrong timing' above it).",
    )
    C: float | None = Field(
        None, gt=0, description="Regularisation of the propensity classifiers (None: shipped)."
    )


class SimulationResult(BaseModel):
    """What a run measured."""

    days: int = Field(description="Length of the run.")
    customers: int = Field(description="Customers in the book (seed customers included).")
    offers: int = Field(description="Offers presented over the run.")
    conversion_before: float = Field(description="Accepted share of offers before retraining.")
    conversion_after: float = Field(description="Accepted share of offers after retraining.")
    retraining_gain: float | None = Field(
        description="Conversion after minus before retraining (drawn rates)."
    )
    retraining_gain_ci_low: float | None = Field(description="Lower end of its 95 % interval.")
    retraining_gain_ci_high: float | None = Field(description="Upper end of its 95 % interval.")
    expected_before: float = Field(description="Mean true probability of the offers before.")
    expected_after: float = Field(description="Mean true probability of the offers after.")
    control_customers: int = Field(description="Customers held out as control.")
    control_conversion: float = Field(description="Control's organic purchase of the product.")
    treated_conversion: float = Field(description="Treated customers' conversion, whole run.")
    uplift: float | None = Field(description="Treated minus control conversion.")
    uplift_ci_low: float | None = Field(description="Lower end of the 95 % interval.")
    uplift_ci_high: float | None = Field(description="Upper end of the 95 % interval.")
    oracle_expected: float = Field(
        description="Mean acceptance chance of the best product per customer of the second "
        "cohort (what a model that knew the truth would reach)."
    )
    outcomes_learned: int = Field(description="Outcomes and ratings the retraining learned from.")
    ratings_used: int = Field(description="Advisors' ratings read by the retraining.")
    offsets: dict[str, float] = Field(description="Per-product log-odds offsets v2 learned.")
