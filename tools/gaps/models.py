"""Pydantic outputs of ``coverage_gaps``."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

GapKind = Literal[
    "industry_standard",
    "size_rule",
    "growth_rule",
    "mandatory",
    "peer_benchmark",
    "inadequate_limit",
]
RiskArea = Literal["property", "liability", "cyber", "employees", "financial"]


class GapReason(BaseModel):
    """One rule that flagged a gap, with the figures it used."""

    kind: GapKind = Field(description="Which kind of rule flagged the gap.")
    rule_id: str = Field(description="Id of the rule in the gap rule pack or catalogue.")
    reason: str = Field(description="The reason in plain words, with its figures.")
    evidence: dict[str, Any] = Field(description="The inputs the rule read, by name.")


class Gap(BaseModel):
    """A missing cover, or a held cover whose limit looks inadequate."""

    product: str = Field(description="Product code, e.g. CYBER.")
    product_name: str = Field(description="Product display name.")
    risk_area: RiskArea = Field(description="Risk area the product covers.")
    kind: GapKind = Field(description="The strongest kind of rule that flagged this gap.")
    reason: str = Field(description="Every reason in plain words, strongest first.")
    evidence: dict[str, Any] = Field(description="Inputs of every rule, keyed by rule id.")
    reasons: list[GapReason] = Field(description="Each rule that flagged the gap, strongest first.")
    priority: int = Field(description="Rank among this customer's gaps, 1 = most important.")
    priority_points: int = Field(description="Points the rank is sorted on (see rules.yaml).")
    held: bool = Field(description="True for a held cover to review, False for a missing one.")
    missing_prerequisites: list[str] = Field(
        description="Prerequisites not held, to quote with it (GL under PRODUCT_LIABILITY)."
    )


class PeerRate(BaseModel):
    """How many peers hold a product."""

    product: str = Field(description="Product code.")
    holders: int = Field(description="Peers holding the product.")
    rate_pct: float = Field(description="Share of peers holding the product, percent.")


class PeerSummary(BaseModel):
    """The customer's peer group (same industry group and size band) and what it holds."""

    industry: str = Field(description="Industry code of the peer group.")
    size_band: str = Field(description="Size band of the peer group: micro, small or medium.")
    peer_count: int = Field(description="Customers with cover in force in the peer group.")
    rates: list[PeerRate] = Field(description="Holding rate of each product, most held first.")
    benchmark_quoted: bool = Field(description="False when the group is too small to quote.")


class CoverageGaps(BaseModel):
    """Missing or inadequate cover of one customer, each gap with its reasons."""

    customer_id: str = Field(description="Customer id.")
    customer_name: str = Field(description="Customer name.")
    as_of: datetime = Field(description="The moment the gaps were computed for.")
    held_products: list[str] = Field(description="Product codes with a policy in force.")
    gaps: list[Gap] = Field(description="Gaps, most important first.")
    peers: PeerSummary = Field(description="The peer group the benchmarks come from.")
    rule_pack_version: str = Field(description="Version of tools/gaps/rules.yaml used.")
    catalogue_version: str = Field(description="Version of the product catalogue used.")


class GapsRequest(BaseModel):
    """What a model may choose when asking for gaps (the customer comes from the run)."""

    now: datetime | None = Field(
        None, description="Moment to assess (ISO 8601); default the book's as-of date."
    )
