"""The plain rows of the one-customer path: a rule's hit, and a proposal before its value."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Proposal:
    """One proposed action of a customer before channel, propensity and value are added."""

    kind: str
    """What to do (an ``ActionKind``)."""
    product: str | None
    """The product concerned, or None."""
    trigger_kind: str
    """The trigger family (a ``TriggerKind``)."""
    evidence: dict[str, Any]
    """The facts that fired it."""
    reason: str
    """The plain-words reason."""
    due_by: datetime
    """Deadline of the contact."""
    urgency: str
    """high, medium or low."""
    relevance: float
    """Relevance 0-100."""


@dataclass(frozen=True, slots=True)
class RuleHit:
    """One rule proposing one product (evidence and reason, or a reason template)."""

    product: str
    """The product proposed."""
    rule: str
    """The proposing rule's id."""
    relevance: float
    """The rule's relevance 0-100."""
    trigger_kind: str
    """gap, growth, industry_incident or quote_request."""
    evidence: dict[str, Any] | None = None
    """The facts, or None when they are the rule's, industry and headcount."""
    reason: str | None = None
    """The reason, or None when ``template`` words it."""
    template: str | None = None
    """Reason template with {product}, {label} and {employees}."""
