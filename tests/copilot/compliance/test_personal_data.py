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
    ("text", "language"),
    [
        ("Their finance director is on sick leave again.", "en"),  # a person, not the reader
        ("The owner was diagnosed last year.", "en"),  # a term that only describes a person
        ("Vår kontaktperson är gravid, så boka mötet tidigt.", "sv"),
        ("Eieren er aktiv i frikirkemenigheten.", "nb"),  # inside a compound
        ("Stifteren er homoseksuel.", "da"),
        ("Omistaja on Metalliliiton jäsen.", "fi"),
    ],
)
def test_special_category_about_a_named_person_is_blocked(text: str, language: str) -> None:
    assert "privacy.special_category" in _rules(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Key person cover pays out on a serious illness of a named key employee.", "en"),
        ("Gruppsjukförsäkringen ersätter vård vid sjukdom för alla anställda.", "sv"),
        ("Products ship with a certificate of origin.", "en"),
    ],
)
def test_cover_and_product_wording_is_not_special_category(text: str, language: str) -> None:
    assert "privacy.special_category" not in _rules(text, language)


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


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Kontrollera att personnumret 850312-1234 stämmer.", "sv"),  # check digit off
        ("Bekreft fødselsnummeret 12038512345 før møtet.", "nb"),
    ],
)
def test_a_number_named_as_an_identity_number_is_blocked_even_if_mistyped(
    text: str, language: str
) -> None:
    assert "privacy.personal_identifier" in _rules(text, language)


def test_an_order_number_of_the_same_shape_is_not_an_identity_number() -> None:
    assert "privacy.personal_identifier" not in _rules("Order 850312-1234 has shipped.")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("We will never ask you for a password, BankID code or card number.", "en"),
        ("Vi ber aldrig om lösenord, BankID-koder eller kortnummer i meddelanden.", "sv"),
    ],
)
def test_a_negated_list_of_credentials_is_not_a_request(text: str, language: str) -> None:
    assert "security.credentials_request" not in _rules(text, language)


def test_a_request_after_the_negated_sentence_is_still_a_request() -> None:
    text = "We never ask for your password. Send us your card number today."
    assert "security.credentials_request" in _rules(text)


def test_special_category_next_to_a_known_name_blocks() -> None:
    draft = make_draft("Sarah is on sick leave until March.", channel="talking_points")
    context = make_context(channel="talking_points", person_names=["Sarah Lind"])
    rules = {finding.rule for finding in check_draft(draft, {}, context).findings}
    assert "privacy.special_category" in rules


def test_a_known_name_next_to_an_ordinary_word_passes() -> None:
    draft = make_draft("Sarah is back from holiday in March.", channel="talking_points")
    context = make_context(channel="talking_points", person_names=["Sarah Lind"])
    rules = {finding.rule for finding in check_draft(draft, {}, context).findings}
    assert "privacy.special_category" not in rules


def test_a_name_that_is_also_a_word_counts_only_written_as_a_name() -> None:
    draft = make_draft(
        "Group health pays for illness per person, up to the limit.", channel="talking_points"
    )
    context = make_context(channel="talking_points", person_names=["Per Holm"])
    rules = {finding.rule for finding in check_draft(draft, {}, context).findings}
    assert "privacy.special_category" not in rules
