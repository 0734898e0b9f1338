"""What the side panel shows of a customer before any turn, from the tools a turn runs.

The profile, the gaps with their peer benchmark, contactability and the contact-policy state,
the contact persons with their own consent; the ranked recommendations with the why-not list
and the next best action.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from copilot.state import ContactFacts
from copilot.turn_inputs import TurnInputs, load_inputs
from tools.contact_policy import ContactPolicyStatus
from tools.contactability import Contactability, contactability
from tools.decision import RankedAction
from tools.foundation.settings import Settings
from tools.gaps import CoverageGaps
from tools.nba.config import load_trigger_config
from tools.nba.models import PRODUCT_KINDS
from tools.profile import CustomerProfile

VIEW_TOOLS = frozenset({"coverage_gaps", "customer_profile"})


class CustomerPublic(BaseModel):
    """A customer as the advisor's panel shows it."""

    customer_id: str = Field(description="Customer id.")
    profile: CustomerProfile = Field(description="Firmographics, policies, claims, scores.")
    gaps: CoverageGaps = Field(description="Missing or inadequate covers with peer benchmarks.")
    contactability: Contactability = Field(description="Consent per channel, objection, care.")
    contact_policy: ContactPolicyStatus = Field(description="What may be sent today and why not.")
    contacts: list[ContactFacts] = Field(
        default_factory=list,
        description="Contact persons, the primary one first, each with their own consent per"
        " channel (the company's objection and care included); a turn's contact_id is one"
        " of their ids.",
    )


class ActionPublic(BaseModel):
    """One chosen action of the customer's conversation."""

    rank: int = Field(description="1 = the lead of the conversation.")
    action_id: str = Field(description="Stable id (customer:kind:product:trigger); rate by it.")
    kind: str = Field(description="cross_sell, incident_outreach, renewal_review, ...")
    product: str | None = Field(description="Product concerned, if any.")
    reason: str = Field(description="Why, with the tools' figures.")
    trigger: str = Field(description="What made it worth doing now.")
    urgency: str = Field(description="high (48 h), medium or low.")
    due_by: datetime = Field(description="When to act by.")
    channel: str = Field(description="Channel from preference, history and consent.")
    delivery: str = Field(description="advisor_call, automated_email or portal_message.")
    propensity: float = Field(description="Probability of buying (model or catalogue prior).")
    score: float = Field(description="propensity x value x relevance x levers.")


class WhyNotPublic(BaseModel):
    """A candidate the contact policy held back."""

    product: str | None = Field(description="Product it was about.")
    kind: str = Field(description="Kind of action.")
    rule_id: str = Field(description="Rule id of the contact policy.")
    rule: str = Field(description="The rule in plain words.")
    evidence: dict[str, Any] = Field(description="The facts that made it apply.")


class RecommendationsPublic(BaseModel):
    """The customer's ranked recommendations, next best action and why-not list."""

    customer_id: str = Field(description="Customer id.")
    decided_at: datetime = Field(description="The decision moment.")
    recommendations: list[ActionPublic] = Field(description="Products offered, ranked 1..n.")
    actions: list[ActionPublic] = Field(description="Every chosen action, conversation order.")
    next_best_action: ActionPublic | None = Field(description="What to do first.")
    why_not: list[WhyNotPublic] = Field(description="Suppressed candidates and why.")
    ranking_basis: str = Field(description="'model <version>' or 'catalogue prior'.")
    versions: dict[str, str] = Field(description="Contact policy, triggers and models.")


def _action(ranked: RankedAction, rank: int) -> ActionPublic:
    action = ranked.action
    return ActionPublic(
        rank=rank,
        action_id=action.action_id,
        kind=action.kind,
        product=action.product,
        reason=action.reason,
        trigger=action.trigger.kind,
        urgency=action.urgency,
        due_by=action.due_by,
        channel=action.channel,
        delivery=ranked.delivery,
        propensity=ranked.score_terms.get("propensity", 0.0),
        score=ranked.score,
    )


def customer_view(inputs: TurnInputs) -> CustomerPublic:
    """Return the panel's view of a customer from a turn's inputs."""
    return CustomerPublic(
        customer_id=inputs.snapshot.customer_id,
        profile=inputs.customer_profile(),
        gaps=inputs.coverage_gaps(),
        contactability=contactability(inputs.snapshot.customer),
        contact_policy=inputs.contact_policy(),
        contacts=inputs.contact_persons,
    )


def recommendations_view(inputs: TurnInputs) -> RecommendationsPublic:
    """Return the ranked recommendations and the why-not list (the turn's decision chain)."""
    arbitration = inputs.arbitrate(inputs.next_best_actions())
    chosen = list(arbitration.chosen)
    offers = [r for r in chosen if r.action.kind in PRODUCT_KINDS]
    actions = [_action(r, r.rank) for r in chosen]
    versions = {
        "contact_policy": arbitration.policy_version,
        "triggers": load_trigger_config().version,
        **{f"model_{k}": v for k, v in inputs.scores.versions.items()},
    }
    return RecommendationsPublic(
        customer_id=inputs.snapshot.customer_id,
        decided_at=arbitration.decided_at,
        recommendations=[_action(r, n) for n, r in enumerate(offers, start=1)],
        actions=actions,
        next_best_action=actions[0] if actions else None,
        why_not=[
            WhyNotPublic(
                product=s.candidate.product,
                kind=s.candidate.kind,
                rule_id=s.rule_id,
                rule=s.rule,
                evidence=s.evidence,
            )
            for s in arbitration.suppressed
        ],
        ranking_basis=arbitration.ranking_basis,
        versions=versions,
    )


def load_view_inputs(settings: Settings, customer_id: str, now: datetime) -> TurnInputs:
    """Read a customer once for both views (snapshot, peer tables)."""
    return load_inputs(settings, customer_id, now, [], VIEW_TOOLS)
