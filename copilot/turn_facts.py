"""The typed facts of one turn: each tool's output, kept typed in the graph state.

Every field is one deterministic tool's output (None when the plan did not need the tool or
it raised an expected error). The facts are the only source of figures: the gate grounds a
draft on ``jsonable()`` (minimised), and the records store it as the evidence.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, Field
from pydantic_core import to_jsonable_python

from tools.churn import ChurnCLV
from tools.contact_policy import ContactPolicyStatus
from tools.credibility import RiskProfile
from tools.decision import Arbitration
from tools.eligibility import Eligibility
from tools.gaps import CoverageGaps
from tools.nba.models import ActionCandidate
from tools.profile import CustomerProfile
from tools.propensity import PropensityScore
from tools.quote import Quote


class ToolError(BaseModel):
    """An expected, typed tool error recorded instead of the tool's output."""

    tool: str = Field(description="Tool name that failed.")
    error_type: str = Field(description="Class name of the typed error, e.g. NotEligible.")
    message: str = Field(description="The error's message for a person.")


class TurnFacts(BaseModel):
    """The outputs of the tools one turn ran, by tool name."""

    contact_policy: ContactPolicyStatus | None = Field(
        None, description="May the customer get sales contact now, and what blocks it."
    )
    customer_profile: CustomerProfile | None = Field(None, description="The customer's profile.")
    coverage_gaps: CoverageGaps | None = Field(None, description="Missing or inadequate covers.")
    check_eligibility: dict[str, Eligibility] | None = Field(
        None, description="Eligibility of each product the advisor named."
    )
    propensity: list[PropensityScore] | None = Field(
        None, description="Purchase probabilities with drivers, highest first."
    )
    risk_profile: RiskProfile | None = Field(None, description="Credibility risk per product.")
    churn_clv: ChurnCLV | None = Field(None, description="Churn probability and lifetime value.")
    next_best_actions: list[ActionCandidate] | None = Field(
        None, description="Candidate actions from the triggers, before the contact policy."
    )
    arbitrate: Arbitration | None = Field(
        None, description="The chosen actions and the why-not trace of the suppressed ones."
    )
    quote: Quote | None = Field(None, description="Indicative prices of the chosen products.")

    def merged(self, update: TurnFacts) -> TurnFacts:
        """Return these facts with every tool output the update carries replacing ours."""
        return self.model_copy(update={k: getattr(update, k) for k in update.model_fields_set})

    def jsonable(self) -> dict[str, Any]:
        """Return the outputs of the tools that ran, JSON-ready, keyed by tool name."""
        return {
            name: to_jsonable_python(getattr(self, name))
            for name in type(self).model_fields
            if getattr(self, name) is not None
        }

    def chosen_products(self) -> list[str]:
        """Return the product codes of the arbitrated actions, best first."""
        if self.arbitrate is None:
            return []
        codes = [r.action.product for r in self.arbitrate.chosen if r.action.product]
        return list(dict.fromkeys(codes))


def turn_facts(state: Mapping[str, Any]) -> TurnFacts:
    """Return a turn state's facts (empty facts before any tool ran)."""
    facts = state.get("facts")
    return facts if isinstance(facts, TurnFacts) else TurnFacts()


def merge_facts(current: TurnFacts | None, update: TurnFacts) -> TurnFacts:
    """Reducer of ``TurnState.facts``: later tool outputs replace earlier ones, by tool."""
    return update if current is None else current.merged(update)
