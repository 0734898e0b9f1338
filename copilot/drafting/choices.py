"""What a draft is about: its channel, language, products and whether it may sell."""

from __future__ import annotations

from typing import cast

from copilot.drafting.templates import has_template
from copilot.plan import Channel
from copilot.state import TurnState
from copilot.turn_facts import turn_facts
from tools.contactability import draft_format_for

ADVISOR_ONLY_INTENTS = frozenset({"explain_gap", "product_question", "compliance_question"})
"""Intents answered with talking points for the advisor, not outreach."""

MAX_DRAFT_PRODUCTS = 2
"""Present the top two recommendations (contact policy)."""


def decide_channel(state: TurnState) -> Channel:
    """Return the requested format, else talking points / call script / the chosen channel."""
    plan = state["plan"]
    requested = state.get("requested_channel") or plan.channel
    if requested:
        return requested
    if plan.intent in ADVISOR_ONLY_INTENTS:
        return "talking_points"
    if plan.intent == "prepare_call":
        return "call_script"
    ranked = state.get("recommendations", []) or state.get("actions", [])
    chosen = ranked[0].channel if ranked else None
    preferred = chosen or state["customer"].preferred_channel
    return cast(Channel, draft_format_for(preferred))


def decide_language(state: TurnState, channel: Channel) -> str:
    """Return the customer's language when a template exists for the channel, else English."""
    language = state["customer"].language
    return language if has_template(channel, language) else "en"


def may_sell(state: TurnState) -> bool:
    """Return whether the draft may offer products (else: invite to a cover review)."""
    policy = turn_facts(state).contact_policy
    allowed = policy is not None and policy.sales_allowed
    return allowed and state["customer"].contactability.may_sell


def draft_products(state: TurnState) -> list[str]:
    """Return the products the draft presents.

    Advisor-only answers (gaps, product and compliance questions) are about the products
    named. Outreach presents what the decision tool chose: the named products it chose, else
    its top choices (a named product it did not choose is not pushed). A quoted bundle
    brings in the parts the advisor asked a quote for, each shown with its own price.
    """
    plan = state["plan"]
    named = list(plan.products)
    recommended = list(dict.fromkeys(r.product for r in state.get("recommendations", [])))
    if plan.intent in ADVISOR_ONLY_INTENTS:
        chosen = (named or recommended)[:MAX_DRAFT_PRODUCTS]
    else:
        chosen = ([p for p in named if p in recommended] or recommended or named)[
            :MAX_DRAFT_PRODUCTS
        ]
    quote = turn_facts(state).quote
    parts = list(quote.bundle.products) if quote is not None and quote.bundle else []
    if parts and set(parts) <= set(chosen) | set(named):
        chosen += [code for code in parts if code not in chosen]
    return chosen


REVIEW_KINDS = frozenset({"renewal_review", "limits_review"})
"""Chosen actions about a product the customer holds (reviewed, not offered)."""


def review_products(state: TurnState) -> list[str]:
    """Return the held products the decision tool chose for a renewal or limits review."""
    actions = state.get("actions", [])
    return list(dict.fromkeys(a.product for a in actions if a.action in REVIEW_KINDS))
