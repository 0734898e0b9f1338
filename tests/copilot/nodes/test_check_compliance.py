from __future__ import annotations

from typing import Any, cast

from copilot.nodes.check_compliance import known_contacts, person_names
from copilot.state import ContactFacts, TurnState
from tools.foundation.settings import Settings


def _state(**values: Any) -> TurnState:
    return cast(TurnState, values)


def test_known_contacts_are_the_insurers_settings_and_the_recipients_own() -> None:
    settings = Settings(
        insurer_website="https://insurer.example",
        insurer_email="hello@insurer.example",
        insurer_phone="+47 22 00 00 00",
    )
    recipient = ContactFacts.model_construct(email="sarah@nordicit.se", phone="+46 70 111 22 33")
    assert known_contacts(_state(recipient=recipient), settings) == [
        "https://insurer.example",
        "hello@insurer.example",
        "+47 22 00 00 00",
        "sarah@nordicit.se",
        "+46 70 111 22 33",
    ]


def test_a_recipient_without_phone_adds_only_the_email() -> None:
    recipient = ContactFacts.model_construct(email="ola@bergentech.no", phone=None)
    contacts = known_contacts(_state(recipient=recipient), Settings())
    assert contacts[-1] == "ola@bergentech.no"
    assert None not in contacts


def test_without_a_recipient_only_the_insurer_is_known() -> None:
    settings = Settings()
    assert known_contacts(_state(), settings) == [
        settings.insurer_website,
        settings.insurer_email,
        settings.insurer_phone,
    ]


def test_person_names_are_the_recipients_first_and_family_name() -> None:
    recipient = ContactFacts.model_construct(first_name="Sarah", last_name="Lind")
    assert person_names(_state(recipient=recipient)) == ["Sarah", "Lind"]
    assert person_names(_state()) == []
