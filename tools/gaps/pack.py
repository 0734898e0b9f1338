"""Load the versioned coverage-gap rule pack (``rules.yaml`` beside this module)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field

RULES_PATH = Path(__file__).parent / "rules.yaml"

Metric = Literal["headcount_growth_pct", "revenue_growth_pct", "locations_added"]


class SizeRule(BaseModel):
    """Products expected from a headcount band (optionally only when some products are held)."""

    id: str = Field(description="Stable rule id, quoted in every gap it raises.")
    employees_min: int = Field(1, description="Smallest headcount the rule applies to.")
    employees_max: int = Field(10**6, description="Largest headcount the rule applies to.")
    held_all: list[str] = Field(default_factory=list, description="Products that must be held.")
    products: list[str] = Field(description="Products the rule expects.")
    reason: str = Field(description="Plain-words reason; `{employees}` is filled in.")

    def applies(self, employees: int, held: frozenset[str]) -> bool:
        """Return whether the rule fires for this headcount and these held products."""
        in_band = self.employees_min <= employees <= self.employees_max
        return in_band and all(code in held for code in self.held_all)


class MetricRule(BaseModel):
    """Products expected (or limits to review) when a growth metric exceeds a threshold."""

    id: str = Field(description="Stable rule id, quoted in every gap it raises.")
    metric: Metric = Field(description="Growth metric the rule reads.")
    above: float = Field(description="The rule fires when the metric is strictly above this.")
    products: list[str] = Field(description="Products the rule concerns.")
    reason: str = Field(description="Plain-words reason with {value}, {from_value}, {to_value}.")
    estimated: bool = Field(False, description="True when the rule is ours, not the seed's.")


class PeerLimit(BaseModel):
    """When a held limit counts as inadequate against peers holding the same product."""

    below_ratio: float = Field(description="Flag a limit below this share of the peer average.")
    min_peers: int = Field(description="Fewest peer holders the average is taken over.")


class PeerBenchmark(BaseModel):
    """When a product most peers hold counts as a gap."""

    min_rate: float = Field(description="Smallest peer holding rate (0-1) that flags a gap.")
    min_peers: int = Field(description="Smallest peer group a benchmark is quoted from.")


class GapRulePack(BaseModel):
    """The whole versioned gap rule pack."""

    version: str = Field(description="Rule-pack version, stored with every decision.")
    trend_window_days: int = Field(description="Days of events the growth signals read.")
    industry_key_covers: dict[str, list[str]] = Field(description="Seed key covers by industry.")
    size_rules: list[SizeRule] = Field(description="Headcount rules.")
    growth_rules: list[MetricRule] = Field(description="Growth rules for new covers.")
    limit_review_rules: list[MetricRule] = Field(description="Growth rules for held limits.")
    peer_limit: PeerLimit = Field(description="Peer test of held limits.")
    peer_benchmark: PeerBenchmark = Field(description="Peer test of missing products.")
    priority_points: dict[str, int] = Field(description="Priority points by gap kind.")


@lru_cache(maxsize=1)
def load_gap_rules() -> GapRulePack:
    """Load and validate the gap rule pack (cached: the file is versioned, not edited live)."""
    with RULES_PATH.open(encoding="utf-8") as handle:
        return GapRulePack.model_validate(yaml.safe_load(handle))
