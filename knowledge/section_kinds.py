"""What a corpus section is for, read from its heading in any of the sheet languages.

A customer sheet has a ``cover`` section (what the insurance is for) and an ``exclusion``
section (its main exclusions or limit); the advisor sheets' English headings map the same way.
Every other heading is ``other``. The kind is stored with each chunk, so code can pick the
cover or exclusion passage of a product without matching words of one language.
"""

from __future__ import annotations

from typing import Literal

from tools.catalogue import load_catalogue

SectionKind = Literal["cover", "exclusion", "note", "other"]
Audience = Literal["advisor", "customer"]

HEADINGS: dict[str, dict[str, SectionKind]] = {
    "en": {
        "What it covers": "cover",
        "Main exclusions": "exclusion",
        "Main exclusions: what it does not cover": "exclusion",
        "About this summary": "note",
    },
    "sv": {
        "Vad försäkringen omfattar": "cover",
        "Viktigaste undantagen": "exclusion",
        "Om sammanfattningen": "note",
    },
    "nb": {
        "Hva forsikringen dekker": "cover",
        "Viktigste unntak": "exclusion",
        "Om sammendraget": "note",
    },
    "da": {
        "Hvad forsikringen dækker": "cover",
        "Vigtigste undtagelser": "exclusion",
        "Om dette resumé": "note",
    },
    "fi": {
        "Mitä vakuutus korvaa": "cover",
        "Tärkeimmät rajoitukset": "exclusion",
        "Tästä tiivistelmästä": "note",
    },
    "is": {
        "Hvað tryggingin bætir": "cover",
        "Helstu undanþágur": "exclusion",
        "Um þessa samantekt": "note",
    },
}
"""Section headings per language and the kind each one marks."""

_KINDS: dict[str, SectionKind] = {
    heading.casefold(): kind for table in HEADINGS.values() for heading, kind in table.items()
}


def sheet_languages() -> tuple[str, ...]:
    """Return the languages product sheets are written in: English and each country's."""
    countries = load_catalogue().countries.values()
    return tuple(dict.fromkeys(["en", *(str(country["language"]) for country in countries)]))


def section_kind(heading: str) -> SectionKind:
    """Return the kind of a section from its heading trail (its top heading decides)."""
    top = heading.split(" > ", 1)[0].strip().casefold()
    return _KINDS.get(top, "other")
