"""Per-language word lists (YAML files in ``lexicon/``) the text rules match against."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from copilot.compliance.models import LANGUAGES

LEXICON_DIR = Path(__file__).parent / "lexicon"


class Concept(BaseModel):
    """A claim made of one or more slots that must all occur within a window of tokens.

    ``slots: [[guarant*], [pay*, cover*]]`` matches "guaranteed payout", "payout is
    guaranteed" and "we guarantee that we pay" (any order, any inflection).
    """

    id: str = Field(description="Concept id, shown in the finding message.")
    slots: list[list[str]] = Field(description="Each slot lists alternative terms.")
    window: int = Field(4, description="Largest token distance between the slots' matches.")
    negatable: bool = Field(True, description="A negation before the match cancels it.")


class Lexicon(BaseModel):
    """The words one language (or the merge of several) contributes to the rules."""

    model_config = ConfigDict(extra="forbid")

    negations: list[str] = Field(default_factory=list, description="Negation words.")
    clause_breaks: list[str] = Field(
        default_factory=list, description="Conjunctions that end a negation's scope (but, men)."
    )
    claims: list[Concept] = Field(default_factory=list, description="Absolute/promissory claims.")
    urgency: list[Concept] = Field(default_factory=list, description="Misleading urgency.")
    comparisons: list[Concept] = Field(
        default_factory=list, description="Comparisons with other insurers or offers."
    )
    disparaging: list[Concept] = Field(
        default_factory=list,
        description="Disparaging or unfair remarks about other insurers (they drag out claims).",
    )
    cancel_first: list[Concept] = Field(
        default_factory=list,
        description="Advice to cancel cover elsewhere now, before the new cover is in force.",
    )
    credentials: list[Concept] = Field(
        default_factory=list, description="Requests for passwords, PINs, codes, card numbers."
    )
    special_category: list[str] = Field(
        default_factory=list, description="Special-category data terms (GDPR Art. 9)."
    )
    second_person: list[str] = Field(
        default_factory=list, description="Words that point at the customer (your, din)."
    )
    person_terms: list[str] = Field(
        default_factory=list,
        description="Words that point at one person the text is about (he, hennes, the CEO).",
    )
    special_category_strong: list[str] = Field(
        default_factory=list,
        description="Special-category data about a person by itself (diagnosed, gravid).",
    )
    special_category_concepts: list[Concept] = Field(
        default_factory=list,
        description="Special-category data about a person said in several words, on its own"
        " (expecting a baby, väntar barn).",
    )
    marketing_label: list[str] = Field(default_factory=list, description="Written labels.")
    spoken_marketing: list[str] = Field(
        default_factory=list, description="Spoken statements of the sales purpose of a call."
    )
    opt_out: list[str] = Field(default_factory=list, description="Written opt-out notices.")
    spoken_opt_out: list[str] = Field(
        default_factory=list, description="Spoken right-to-object phrases."
    )
    indicative: list[str] = Field(default_factory=list, description="'Indicative, not an offer'.")
    price_terms: list[str] = Field(default_factory=list, description="Words naming a price.")
    bundle_terms: list[str] = Field(default_factory=list, description="Bundle/discount words.")
    separately: list[str] = Field(default_factory=list, description="'Can be bought separately'.")
    benefit_terms: list[str] = Field(default_factory=list, description="Words naming a cover.")
    limit_terms: list[str] = Field(default_factory=list, description="Exclusions and limits.")
    selling_terms: list[str] = Field(
        default_factory=list, description="Words that make a text a sale (offer, quote, buy)."
    )

    def merged(self, other: Lexicon) -> Lexicon:
        """Return a lexicon holding this one's entries followed by the other's."""
        data = {
            name: getattr(self, name) + [item for item in getattr(other, name)]
            for name in Lexicon.model_fields
        }
        return Lexicon.model_validate(data)


@lru_cache(maxsize=len(LANGUAGES))
def load_lexicon(language: str) -> Lexicon:
    """Load one language's lexicon from ``lexicon/<language>.yaml``."""
    with (LEXICON_DIR / f"{language}.yaml").open(encoding="utf-8") as handle:
        return Lexicon.model_validate(yaml.safe_load(handle))


@lru_cache(maxsize=1)
def all_languages() -> Lexicon:
    """Return the merge of every language's lexicon (claims are caught in any language)."""
    merged = Lexicon()
    for language in LANGUAGES:
        merged = merged.merged(load_lexicon(language))
    return merged


AMBIGUOUS_NEGATIONS = frozenset({"en", "et", "ei"})
"""Finnish negation verbs that are articles in Swedish, Danish and Norwegian."""


def message_lexicon(language: str, additions: Lexicon | None = None) -> Lexicon:
    """Return the lexicon for a message: its language, English and the pack's additions.

    English is always accepted because Nordic B2B messages often carry English notices.
    Negations of every language count (a Finnish disclaimer in a Swedish e-mail is still a
    disclaimer), except foreign words that are articles in the message's language.
    """
    lexicon = load_lexicon(language)
    if language != "en":
        lexicon = lexicon.merged(load_lexicon("en"))
    if additions:
        lexicon = lexicon.merged(additions)
    own = set(lexicon.negations)
    ambiguous = AMBIGUOUS_NEGATIONS if language in ("sv", "da", "nb") else frozenset()
    foreign = [word for word in all_languages().negations if word not in ambiguous]
    negations = list(dict.fromkeys([*lexicon.negations, *(w for w in foreign if w not in own)]))
    return lexicon.model_copy(update={"negations": negations})
