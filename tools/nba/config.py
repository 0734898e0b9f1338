"""Load the versioned trigger thresholds (``triggers.yaml`` beside this module)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field

from tools.foundation.errors import Unavailable
from tools.gaps.pack import Metric, load_gap_rules

TRIGGERS_FILE = Path(__file__).parent / "triggers.yaml"


class RenewalConfig(BaseModel):
    """Renewal reminders before expiry."""

    reminder_days: list[int] = Field(description="Days before expiry that raise a reminder.")
    review_at_days: int = Field(description="Days before expiry that open the renewal review.")
    urgency: dict[int, str] = Field(description="Urgency of each reminder day.")
    respond_within_hours: dict[str, int] = Field(description="Response window per urgency.")


class GrowthConfig(BaseModel):
    """Growth signals: revenue, headcount, new location."""

    lookback_days: int = Field(description="How far back a growth event counts.")
    revenue_jump_pct: float = Field(description="Revenue growth above this percent is a signal.")
    headcount_jump_pct: float = Field(description="Headcount growth above this percent.")
    consultation_within_days: int = Field(description="Deadline of the growth consultation.")
    high_priority_min_signals: int = Field(description="Signals that make growth high priority.")


class IncidentConfig(BaseModel):
    """Industry incidents (customer_id empty, payload industry and kind)."""

    lookback_days: int = Field(description="How far back an incident counts.")
    respond_within_hours: int = Field(description="Outreach deadline, hours.")
    products: dict[str, str] = Field(description="Incident kind -> the cover it calls for.")


class BehaviourConfig(BaseModel):
    """Portal behaviour signals."""

    window_days: int = Field(description="Window of recent activity, days.")
    min_logins: int = Field(description="Logins in the window that raise the signal.")
    baseline_weeks: int = Field(description="Weeks before the window forming the baseline.")
    jump_factor: float = Field(description="Recent / baseline weekly activity that is a jump.")
    min_jump_events: int = Field(description="Fewest recent events for a jump to count.")
    respond_within_days: int = Field(description="Validity of the in-portal message, days.")


class ClaimConfig(BaseModel):
    """Care after a claim."""

    care_within_days: int = Field(description="A claim this recent calls for care.")
    respond_within_hours: int = Field(description="Care contact deadline, hours.")


class WindowConfig(BaseModel):
    """A lookback and a response window."""

    lookback_days: int = Field(0, description="How far back the event counts.")
    respond_within_hours: int = Field(0, description="Response deadline, hours.")
    respond_within_days: int = Field(0, description="Response deadline, days.")


class TriggerConfig(BaseModel):
    """The whole trigger configuration."""

    version: str = Field(description="Version stored with every action list.")
    renewal: RenewalConfig = Field(description="Renewal reminders.")
    growth: GrowthConfig = Field(description="Growth signals.")
    industry_incident: IncidentConfig = Field(description="Industry incidents.")
    behaviour: BehaviourConfig = Field(description="Portal behaviour.")
    claim: ClaimConfig = Field(description="Care after claims.")
    quote_request: WindowConfig = Field(description="Quote requests.")
    gap: WindowConfig = Field(description="Standing gaps without an event.")
    gap_rules_version: str = Field(
        description="Version of the gaps rule pack whose industry, size and growth rules apply."
    )
    relevance: dict[str, float] = Field(description="Relevance 0-100 per proposing rule.")
    growth_relevance: dict[Metric, float] = Field(
        description="Relevance 0-100 of the pack's growth rules, by the metric they read."
    )
    value_share: dict[str, float] = Field(description="Expected value share per action kind.")


class RulePackMismatch(Unavailable):
    """``triggers.yaml`` pins another version of the gaps rule pack than the one installed."""


@lru_cache(maxsize=1)
def load_trigger_config() -> TriggerConfig:
    """Load and validate ``triggers.yaml`` (cached: the file is versioned, not edited live).

    Raises:
        RulePackMismatch: the gaps rule pack changed without a new trigger version, so
            stored action lists could not say which rules produced them.
    """
    with TRIGGERS_FILE.open(encoding="utf-8") as handle:
        config = TriggerConfig.model_validate(yaml.safe_load(handle))
    pack_version = load_gap_rules().version
    if config.gap_rules_version != pack_version:
        raise RulePackMismatch(
            f"{TRIGGERS_FILE.name} pins gaps rule pack {config.gap_rules_version}, but "
            f"tools/gaps/rules.yaml is {pack_version}: bump both versions together."
        )
    return config
