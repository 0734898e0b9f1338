from __future__ import annotations

import pytest

from knowledge.section_kinds import HEADINGS, section_kind, sheet_languages


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("What it covers", "cover"),
        ("Main exclusions: what it does not cover", "exclusion"),
        ("Vad försäkringen omfattar", "cover"),
        ("Viktigste unntak", "exclusion"),
        ("Vigtigste undtagelser", "exclusion"),
        ("Tärkeimmät rajoitukset", "exclusion"),
        ("Hvað tryggingin bætir", "cover"),
        ("Um þessa samantekt", "note"),
        ("Typical premium range", "other"),
    ],
)
def test_headings_map_to_their_kind(heading: str, kind: str) -> None:
    assert section_kind(heading) == kind


def test_the_top_heading_of_a_trail_decides_and_case_does_not_matter() -> None:
    assert section_kind("MAIN EXCLUSIONS > War") == "exclusion"
    assert section_kind("Who it is for > What it covers") == "other"


def test_every_sheet_language_has_a_cover_and_an_exclusion_heading() -> None:
    for language in sheet_languages():
        assert {"cover", "exclusion", "note"} <= set(HEADINGS[language].values()), language
