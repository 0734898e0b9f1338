"""Absolute or promissory claims, pressure, unfair comparisons, cancel-first advice, credentials.

Claims are lexicon concepts (see ``lexicon/*.yaml``) matched in every language across
inflections and word order; a negation earlier in the same clause ("the price is not
guaranteed until underwriting", "ei ole taattu") cancels a match, so fair disclaimers pass.
"""

from __future__ import annotations

from collections.abc import Sequence

from copilot.compliance.check_input import CheckInput
from copilot.compliance.concepts import find_concepts
from copilot.compliance.lexicon import Concept
from copilot.compliance.models import Finding
from copilot.compliance.tokens import excerpt


def _findings(
    check: CheckInput, concepts: Sequence[Concept], rule: str, message: str
) -> list[Finding]:
    hits = find_concepts(check.tokens, concepts, check.lexicon.negations)
    return [
        Finding(
            rule=rule,
            severity="block",
            message=message.format(concept=hit.concept),
            excerpt=excerpt(check.text, check.tokens, hit.first, hit.last),
        )
        for hit in hits
    ]


def check_absolute_claims(check: CheckInput) -> list[Finding]:
    """Flag absolute or promissory claims (guaranteed, fully covered, cheapest, no risk)."""
    return _findings(
        check,
        check.claims.claims,
        "claims.absolute",
        "Absolute or promissory claim ({concept}): insurance cover and prices depend on terms,"
        " underwriting and claims handling; state the condition instead.",
    )


def check_urgency(check: CheckInput) -> list[Finding]:
    """Flag misleading urgency (only today, last chance, act now)."""
    return _findings(
        check,
        check.claims.urgency,
        "claims.urgency",
        "Pressure or urgency ({concept}) can mislead; give the real deadline from the facts.",
    )


def check_comparisons(check: CheckInput) -> list[Finding]:
    """Flag comparisons with other insurers or offers (they must be like for like)."""
    return _findings(
        check,
        check.claims.comparisons,
        "claims.comparison",
        "Comparison ({concept}): compare like for like and name what is compared, on which"
        " terms, from which source.",
    )


def check_disparaging(check: CheckInput) -> list[Finding]:
    """Flag disparaging or unfair remarks about other insurers (they drag out claims)."""
    return _findings(
        check,
        check.claims.disparaging,
        "claims.disparaging",
        "Disparaging another insurer ({concept}) is unfair marketing; say what our cover"
        " offers, and compare like for like from a named source if at all.",
    )


def check_cancel_first(check: CheckInput) -> list[Finding]:
    """Flag advice to cancel cover elsewhere before the new cover is in force."""
    return _findings(
        check,
        check.claims.cancel_first,
        "claims.cancel_first",
        "Advising to cancel the current cover now ({concept}) can leave the customer"
        " uninsured; say to keep it until the new cover is confirmed and in force.",
    )


def check_credential_requests(check: CheckInput) -> list[Finding]:
    """Flag any mention that asks for passwords, PINs, BankID/MitID codes or card numbers."""
    return _findings(
        check,
        check.claims.credentials,
        "security.credentials_request",
        "Never ask for passwords, PIN or one-time codes, BankID/MitID codes or card details:"
        " this is what phishing looks like.",
    )
