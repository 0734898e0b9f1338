"""What a nightly batch run did."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field


class BatchReport(BaseModel):
    """Summary of one batch run over the book."""

    run_date: date = Field(description="The date whose action lists were (re)written.")
    decided_at: datetime = Field(description="The decision moment used for every customer.")
    customers: int = Field(description="Customers scored.")
    gaps: int = Field(description="(customer, product) coverage gaps found, as coverage_gaps.")
    candidates: int = Field(description="Candidate actions considered.")
    chosen: int = Field(description="Actions chosen and written.")
    suppressed: dict[str, int] = Field(description="Suppressed candidates by contact-policy rule.")
    items_per_advisor: dict[str, int] = Field(description="Action items written per advisor.")
    seconds: float = Field(description="Wall time of the run.")
    policy_version: str = Field(description="Version of contact_policy.yaml applied.")
    trigger_version: str = Field(description="Version of triggers.yaml applied.")
    ranking_basis: str = Field(description="'model vN' or 'catalogue prior'.")
    no_response_marked: int = Field(
        0, description="Offers given no_response by the run's learning-loop upkeep."
    )
    alerts_raised: int = Field(0, description="Learning-loop alerts the run raised.")
