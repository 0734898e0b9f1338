"""What a customer-facing message must disclose, by channel.

- email, portal_message: insurer identity, a marketing label, the right-to-object notice.
- call_script: the spoken equivalents (the advisor names the insurer, says the call is
  about an offer, and tells the customer they can decline further calls); the written
  lexicon words count too.
- talking_points: notes for the advisor, never sent; identity, label and opt-out do not
  apply (the rule packs list the channels of each rule), but the content rules do:
  figures, claims, indicative prices, bundles, limits and citations.
Disclosures are read in the message's language and in English (pack additions included).
"""

from __future__ import annotations

import re

from copilot.compliance.check_input import CheckInput
from copilot.compliance.content import number_near, price_mentioned, products_in_text
from copilot.compliance.models import Finding
from copilot.compliance.tokens import Token, contains_any
from tools.catalogue.loader import load_catalogue

LABEL_REACH = 40
"""The marketing label must come within this many words of the start of the body."""


def _finding(rule: str, message: str, excerpt: str = "") -> list[Finding]:
    return [Finding(rule=rule, severity="block", message=message, excerpt=excerpt)]


def check_insurer_identity(check: CheckInput) -> list[Finding]:
    """Require the name of the insurer that carries the risk."""
    name = " ".join(check.context.insurer_name.split()).casefold()
    if name and name in " ".join(check.text.split()).casefold():
        return []
    return _finding(
        "disclosure.insurer_identity",
        f"Name the insurer that carries the risk: {check.context.insurer_name!r}.",
    )


def _opening(check: CheckInput) -> list[Token]:
    """Return the subject line's tokens and the first words of the body."""
    subject_end = len(check.draft.subject) if check.draft.subject else -1
    in_subject = sum(1 for token in check.tokens if token.start < subject_end)
    return check.tokens[: in_subject + LABEL_REACH]


def check_marketing_label(check: CheckInput) -> list[Finding]:
    """Require the opening to say it is marketing (a spoken purpose statement in call scripts).

    The label must be identifiable from the start: in the subject line or within the first
    ``LABEL_REACH`` words, not only in the footer.
    """
    terms = list(check.lexicon.marketing_label)
    if check.context.channel == "call_script":
        terms += check.lexicon.spoken_marketing
    if contains_any(_opening(check), terms):
        return []
    return _finding(
        "disclosure.marketing_label",
        "Say at the top that this is marketing (e.g. 'Marketing', 'Marknadsföring'), in the"
        " subject line or the first sentence.",
    )


def check_opt_out(check: CheckInput) -> list[Finding]:
    """Require the right-to-object / opt-out notice (spoken form in call scripts)."""
    terms = list(check.lexicon.opt_out)
    if check.context.channel == "call_script":
        terms += check.lexicon.spoken_opt_out
    if contains_any(check.tokens, terms):
        return []
    return _finding(
        "disclosure.opt_out",
        "Add the right-to-object notice: how to opt out of marketing (e.g. 'unsubscribe').",
    )


def check_indicative_price(check: CheckInput) -> list[Finding]:
    """Require 'indicative, not an offer' wherever a price or premium is stated."""
    if not price_mentioned(check) or contains_any(check.tokens, check.lexicon.indicative):
        return []
    return _finding(
        "disclosure.indicative_price",
        "A price is stated: say it is indicative and not a binding offer.",
    )


def _bundle_named(check: CheckInput) -> bool:
    if contains_any(check.tokens, check.lexicon.bundle_terms):
        return True
    names = (bundle.name.casefold() for bundle in load_catalogue().bundles.values())
    return any(name in check.text.casefold() for name in names)


def check_bundle_parts(check: CheckInput) -> list[Finding]:
    """Require a bundle to say its parts can be bought separately and what each costs."""
    if not _bundle_named(check):
        return []
    findings: list[Finding] = []
    if not contains_any(check.tokens, check.lexicon.separately):
        findings += _finding(
            "disclosure.bundle_parts",
            "A bundle or discount is mentioned: say the parts can be bought separately.",
        )
    unpriced = sorted({m.code for m in products_in_text(check) if not number_near(check, m)})
    if unpriced:
        findings += _finding(
            "disclosure.bundle_parts",
            "A bundle or discount is mentioned: state the separate price of each part.",
            ", ".join(unpriced),
        )
    return findings


def check_benefit_limits(check: CheckInput) -> list[Finding]:
    """Require the main limit, excess or exclusion when the text says what a cover does."""
    if not contains_any(check.tokens, check.lexicon.benefit_terms):
        return []
    if contains_any(check.tokens, check.lexicon.limit_terms):
        return []
    return _finding(
        "disclosure.benefit_limits",
        "A benefit is described: mention its main limit, excess or exclusion too.",
    )


def check_citation_origin(check: CheckInput) -> list[Finding]:
    """Block citations of chunks that retrieval did not return (invented sources)."""
    retrieved = check.context.retrieved_chunk_ids
    if retrieved is None:
        return []
    unknown = [cid for cid in check.draft.citations if cid not in set(retrieved)]
    return [
        Finding(
            rule="citations.unretrieved",
            severity="block",
            message="The citation is not among the retrieved documents; cite only what was"
            " retrieved for this draft.",
            excerpt=cid,
        )
        for cid in unknown
    ]


def check_citation_present(check: CheckInput) -> list[Finding]:
    """Warn when the text describes cover but cites no document (the reviewer must verify it)."""
    if check.draft.citations or not contains_any(check.tokens, check.lexicon.benefit_terms):
        return []
    return [
        Finding(
            rule="citations.missing",
            severity="warn",
            message="Cover is described without a cited document; cite the product sheet.",
            excerpt=re.sub(r"\s+", " ", check.text)[:80],
        )
    ]
