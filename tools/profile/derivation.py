"""Load the versioned thresholds of the profile's derived values (``derivation.yaml``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field

DERIVATION_PATH = Path(__file__).parent / "derivation.yaml"


class LifecycleRule(BaseModel):
    """Thresholds of the lifecycle stage."""

    startup_max_age_years: float = Field(description="Younger than this: startup.")
    growth_min_pct: float = Field(description="Revenue or headcount growth from which: growth.")
    decline_max_pct: float = Field(description="Revenue or headcount change up to which: decline.")
    estimated: bool = Field(False, description="True when the thresholds are ours.")


class RiskRule(BaseModel):
    """Points of the risk score."""

    industry_weight: float = Field(description="Points per unit of industry relative risk.")
    size_points: dict[str, int] = Field(description="Points per size band.")
    points_per_claim: int = Field(description="Points per claim (not rejected) in the window.")
    max_claim_points: int = Field(description="Cap on claim points.")
    open_claim_points: int = Field(description="Points when any claim is open.")
    levels: dict[str, int] = Field(description="Lowest score of each level.")


class EngagementRule(BaseModel):
    """Thresholds of the engagement level."""

    window_days: int = Field(description="Days of self-service activity counted.")
    levels: dict[str, int] = Field(description="Fewest actions in the window for each level.")
    spike_days: int = Field(description="The recent period compared with the baseline.")
    estimated: bool = Field(False, description="True when the thresholds are ours.")


class DerivationPack(BaseModel):
    """All thresholds of the profile."""

    version: str = Field(description="Version, stored with every profile.")
    recent_events_days: int = Field(description="Days of events listed in the profile.")
    claims_window_years: int = Field(description="Years of claims listed in the profile.")
    lifecycle: LifecycleRule = Field(description="Lifecycle thresholds.")
    risk_score: RiskRule = Field(description="Risk score points.")
    engagement: EngagementRule = Field(description="Engagement thresholds.")


@lru_cache(maxsize=1)
def load_derivation() -> DerivationPack:
    """Load and validate the profile thresholds (cached: the file is versioned)."""
    with DERIVATION_PATH.open(encoding="utf-8") as handle:
        return DerivationPack.model_validate(yaml.safe_load(handle))
