from __future__ import annotations

import pytest

from copilot.compliance import check_draft
from tests.copilot.compliance.conftest import make_context, make_draft


def _rules(text: str, language: str = "en") -> list[str]:
    draft = make_draft(text, channel="talking_points", language=language)
    report = check_draft(draft, {}, make_context(channel="talking_points", language=language))
    return [finding.rule for finding in report.findings]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Given your recent diagnosis, cover matters.", "en"),
        ("As a union member you get a rebate.", "en"),
        ("Your religion is no obstacle.", "en"),
        ("Med tanke på din sjukdom.", "sv"),
        ("Dit fagforeningsmedlemskab giver rabat.", "da"),
    ],
)
def test_special_category_about_customer_is_blocked(text: str, language: str) -> None:
    assert "privacy.special_category" in _rules(text, language)


def test_health_product_description_is_not_special_category() -> None:
    text = "Group health & accident pays for treatment after accidents and illness of staff."
    assert "privacy.special_category" not in _rules(text)


@pytest.mark.parametrize(
    "identifier",
    [
        "811218-9876",  # Swedish personnummer (Luhn)
        "010190-1234",  # Danish CPR
        "01010012356",  # Norwegian fødselsnummer (mod 11)
        "131052-308T",  # Finnish henkilötunnus
        "4111 1111 1111 1111",  # Visa test card (Luhn)
    ],
)
def test_personal_identifiers_are_blocked(identifier: str) -> None:
    assert "privacy.personal_identifier" in _rules(f"Reference {identifier}.")


def test_luhn_invalid_long_number_is_not_a_card() -> None:
    assert "privacy.personal_identifier" not in _rules("Reference 4111 1111 1111 1112.")
