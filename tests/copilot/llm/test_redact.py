import pytest

from copilot.llm.redact import minimise_facts, redact_text


@pytest.mark.parametrize(
    ("secret", "placeholder"),
    [
        ("anna.svensson@nordic-it.se", "[email]"),
        ("+46 70 123 45 67", "[phone]"),
        ("070-123 45 67", "[phone]"),
        ("12 34 56 78", "[phone]"),
        ("19850612-1234", "[personal-id]"),
        ("850612-1234", "[personal-id]"),
        ("120385-1234", "[personal-id]"),
        ("12038512345", "[personal-id]"),
        ("131052-308T", "[personal-id]"),
        ("4111 1111 1111 1111", "[card]"),
        ("SE45 5000 0000 0583 9825 7466", "[iban]"),
    ],
)
def test_redact_text_replaces_personal_data(secret: str, placeholder: str) -> None:
    assert redact_text(f"contact: {secret}, thanks") == f"contact: {placeholder}, thanks"


@pytest.mark.parametrize(
    "text",
    [
        "premium EUR 3,000 from 2026-11-22",
        "renews 22.11.2026, revenue 2 100 000 EUR",
        "revenue EUR 12 000 000, growth 45%",
        "quoted at 3000.50 on 2026-11-22T09:30:00",
        "8 -> 15 employees, 3 -> 4 stores",
    ],
)
def test_redact_text_keeps_figures_and_dates(text: str) -> None:
    assert redact_text(text) == text


def test_redact_text_leaves_a_non_luhn_long_number_to_other_rules() -> None:
    assert "[card]" not in redact_text("order 1234 5678 9012 3456")


def test_minimise_facts_drops_crm_notes_and_contact_fields() -> None:
    facts = {
        "customer": {"name": "Nordic IT Solutions AB", "email": "info@nit.se", "notes": "x"},
        "crm_notes": "CEO going through a divorce",
        "free_text": "anything",
        "contacts": [{"name": "Anna", "phone": "+46 70 123 45 67"}],
    }
    assert minimise_facts(facts) == {
        "customer": {"name": "Nordic IT Solutions AB"},
        "contacts": [{"name": "Anna"}],
    }


def test_minimise_facts_keeps_only_codes_and_numbers_in_event_payloads() -> None:
    facts = {
        "events": [
            {
                "type": "portal_login",
                "payload": {"count": 4, "page": "pricing", "text": "asked about her illness"},
            }
        ]
    }
    assert minimise_facts(facts) == {
        "events": [{"type": "portal_login", "payload": {"count": 4, "page": "pricing"}}]
    }


def test_minimise_facts_drops_a_free_text_payload_string() -> None:
    facts = {"events": [{"type": "note", "payload": "Spoke to Anna, she is on sick leave"}]}
    assert minimise_facts(facts) == {"events": [{"type": "note", "payload": None}]}


def test_minimise_facts_redacts_personal_data_inside_other_strings() -> None:
    facts = {"summary": "Contact anna@nit.se about PI"}
    assert minimise_facts(facts) == {"summary": "Contact [email] about PI"}


def test_minimise_facts_does_not_modify_its_input() -> None:
    facts = {"notes": "keep me", "premium_eur": 3000}
    minimise_facts(facts)
    assert facts == {"notes": "keep me", "premium_eur": 3000}


def test_redact_text_keeps_knowledge_chunk_ids() -> None:
    assert redact_text("[cyber-liability@2026.1#0]") == "[cyber-liability@2026.1#0]"


def test_minimise_facts_drops_short_text_fields_of_event_payloads() -> None:
    facts = {"events": [{"type": "growth", "payload": {"employees_to": 15, "text": "private"}}]}
    assert minimise_facts(facts) == {
        "events": [{"type": "growth", "payload": {"employees_to": 15}}]
    }
