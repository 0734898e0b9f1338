"""Why we write now: the lead action's trigger in plain words, with the tools' figures.

The trigger and its evidence come from the decision tool (the arbitration's chosen actions,
lead first); every figure is copied from the evidence and only formatted for the language
(copilot/drafting/formatting.py), never computed. The sentences are the phrase book's.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from copilot.drafting.formatting import format_date, format_eur, format_number, format_percent
from copilot.drafting.templates import Phrases, load_phrases
from copilot.state import CustomerFacts
from copilot.turn_facts import TurnFacts
from tools.catalogue import load_catalogue
from tools.nba.models import ActionCandidate

STORY_KINDS = frozenset(
    {"growth", "industry_incident", "renewal", "behaviour", "quote_request", "claim"}
)
"""Triggers worth a sentence of their own (a gap is told only when it leads)."""
MAX_TRIGGERS = 2
"""The lead trigger and at most one other kind."""


def lead_actions(facts: TurnFacts) -> list[ActionCandidate]:
    """Return the lead chosen action and the first one with another story trigger."""
    chosen = [ranked.action for ranked in facts.arbitrate.chosen] if facts.arbitrate else []
    if not chosen:
        return []
    picked = [chosen[0]]
    for action in chosen[1:]:
        kinds = {a.trigger.kind for a in picked}
        if action.trigger.kind in STORY_KINDS and action.trigger.kind not in kinds:
            picked.append(action)
        if len(picked) == MAX_TRIGGERS:
            break
    return picked


def product_name(code: str, language: str) -> str:
    """Return a product's name in the language (the catalogue's English name otherwise)."""
    return load_phrases(language).products.get(code) or load_catalogue().product(code).name


def _day(value: Any) -> date:
    return datetime.fromisoformat(str(value)).date()


def _growth(evidence: dict[str, Any], phrases: Phrases, language: str) -> list[str]:
    sentences: list[str] = []
    if "employees_from" in evidence and "employees_to" in evidence:
        sentences.append(
            phrases.why["growth_employees"].format(
                employees_from=format_number(evidence["employees_from"], language),
                employees_to=format_number(evidence["employees_to"], language),
            )
        )
    if "revenue_change_pct" in evidence and "revenue_to_eur" in evidence:
        sentences.append(
            phrases.why["growth_revenue"].format(
                revenue_change_pct=format_percent(evidence["revenue_change_pct"], language),
                revenue_to=format_eur(evidence["revenue_to_eur"], language),
            )
        )
    if evidence.get("new_location"):
        sentences.append(phrases.why["growth_location"])
    return sentences


def _sentences(action: ActionCandidate, phrases: Phrases, language: str) -> list[str]:
    evidence, kind = action.trigger.evidence, action.trigger.kind
    if kind == "growth":
        return _growth(evidence, phrases, language)
    if kind == "industry_incident" and "occurred_at" in evidence:
        sentence = phrases.incidents.get(
            str(evidence.get("incident")), phrases.incidents["default"]
        )
        return [sentence.format(date=format_date(_day(evidence["occurred_at"]), language))]
    if kind == "renewal" and "renewal_date" in evidence:
        name = product_name(str(evidence["product"]), language)
        return [
            phrases.why["renewal"].format(
                product=name.lower() if language != "is" else name,
                date=format_date(_day(evidence["renewal_date"]), language),
            )
        ]
    if kind == "behaviour" and "logins_last_7_days" in evidence:
        downloads = int(evidence.get("downloads_last_7_days") or 0)
        key = "behaviour" if downloads else "behaviour_logins"
        return [
            phrases.why[key].format(
                logins=format_number(evidence["logins_last_7_days"], language),
                downloads=format_number(downloads, language),
            )
        ]
    if kind == "quote_request":
        return [phrases.why["quote_request"]]
    if kind == "claim" and "claim_date" in evidence:
        return [
            phrases.why["claim"].format(date=format_date(_day(evidence["claim_date"]), language))
        ]
    if kind == "gap":
        return [phrases.why["gap"]]
    return []


def why_now(facts: TurnFacts, customer: CustomerFacts, language: str) -> list[str]:
    """Return the sentences that say why we write now, in the language.

    Args:
        facts: The turn's tool outputs (the arbitration's chosen actions, lead first).
        customer: The customer (a prospect without a trigger is thanked for its interest).
        language: The draft's language.

    Returns:
        The lead trigger's sentences, then those of one other trigger kind; a prospect's
        thanks when no trigger is known; nothing for a customer without one.
    """
    phrases = load_phrases(language)
    sentences = [s for action in lead_actions(facts) for s in _sentences(action, phrases, language)]
    if not sentences and not customer.is_existing_customer:
        sentences = [phrases.why["prospect"]]
    return sentences


def coverage_score(facts: TurnFacts) -> int | None:
    """Return the customer's coverage score (0-100) from the profile tool, when it ran."""
    profile = facts.customer_profile
    return profile.coverage_score.value if profile is not None else None


def coverage_sentence(score: int, language: str) -> str:
    """Return the coverage score sentence ("Your current protection score is 14 out of 100.")."""
    return load_phrases(language).coverage.format(score=format_number(score, language))
