"""Load the versioned contact policy (``contact_policy.yaml`` beside this module)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field

from tools.experiment.arms import Experiment

POLICY_FILE = Path(__file__).parent / "contact_policy.yaml"


class PolicyRule(BaseModel):
    """One suppression rule of the contact policy."""

    id: str = Field(description="Stable rule id quoted in the trace.")
    text: str = Field(description="The rule in plain words.")
    applies_to: list[str] = Field(description="Action kinds the rule suppresses.")


class RankingConfig(BaseModel):
    """Parameters of the documented ranking formula."""

    value_reference_eur: float = Field(description="Premium that scores value 1.0.")
    value_exponent: float = Field(description="Damping exponent of the value term.")
    default_affinity: float = Field(description="Affinity of a pair missing from the matrix.")
    prospect_affinity: float = Field(description="Affinity used when nothing is held.")
    timing_lever: dict[str, float] = Field(description="Lever: event_driven / standing.")
    product_levers: dict[str, float] = Field(description="Strategic lever per product.")
    need_threshold: float = Field(description="Relevance from which a need is established.")


class ContactPolicy(BaseModel):
    """The whole contact policy."""

    version: str = Field(description="Policy version returned with every decision.")
    max_recommendations_per_month: int = Field(description="Monthly product recommendation cap.")
    present_top: int = Field(description="Product recommendations presented at once.")
    claim_quiet_days: int = Field(description="No sales contact this many days after a claim.")
    high_value_eur: float = Field(description="Expected value that earns an advisor call.")
    sales_kinds: list[str] = Field(description="Action kinds that are sales contact.")
    rules: list[PolicyRule] = Field(description="Suppression rules in the order checked.")
    ranking: RankingConfig = Field(description="Ranking parameters.")
    channel: dict[str, float] = Field(description="Channel choice parameters.")
    urgency_order: dict[str, int] = Field(description="Sort order of urgencies.")
    lead_order: dict[str, int] = Field(description="Lead priority of action kinds on a tie.")
    experiment: Experiment = Field(
        default_factory=Experiment, description="Strategy arms: control and challenger shares."
    )

    def rule(self, rule_id: str) -> PolicyRule:
        """Return a rule by id."""
        return next(rule for rule in self.rules if rule.id == rule_id)


@lru_cache(maxsize=1)
def load_contact_policy() -> ContactPolicy:
    """Load and validate ``contact_policy.yaml`` (cached: versioned, not edited live)."""
    with POLICY_FILE.open(encoding="utf-8") as handle:
        return ContactPolicy.model_validate(yaml.safe_load(handle))
