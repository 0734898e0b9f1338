"""The turn's recipient: the requested contact, else the primary; the gate reads their consent."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from copilot.compliance.gate import check_draft
from copilot.nodes.check_compliance import compliance_context, draft_text
from copilot.recipients import choose_recipient
from copilot.state import ContactFacts, CustomerFacts, Draft, TurnState
from copilot.turn_inputs import load_inputs
from prompts.registry import PromptRef
from tests.copilot.conftest import NOW
from tools.contactability import contact_contactability, contactability
from tools.foundation.errors import UnknownContact
from tools.foundation.settings import Settings


@dataclass(frozen=True)
class Company:
    country: str = "SE"
    is_prospect: bool = False
    consent_email: bool | None = True
    consent_phone: bool | None = True
    consent_portal: bool | None = True
    objection_to_marketing: bool = False
    care_flag: bool = False


@dataclass(frozen=True)
class Person:
    consent_email: bool | None = True
    consent_phone: bool | None = True
    consent_portal: bool | None = True
    objection_to_marketing: bool = False


def person(contact_id: str, primary: bool = False, **consent: bool | None) -> ContactFacts:
    return ContactFacts(
        id=contact_id,
        first_name=contact_id.title(),
        last_name="Lindberg",
        role="ceo",
        language="sv",
        primary=primary,
        contactability=contact_contactability(Person(**consent), Company()),  # type: ignore[arg-type]
    )


def state_for(recipient: ContactFacts | None, company: Company = Company()) -> TurnState:
    customer = CustomerFacts(
        id="S000001",
        name="Nordic IT Solutions AB",
        country=company.country,
        language="sv",
        industry="it_services",
        preferred_channel="email",
        contactability=contactability(company),
        is_existing_customer=not company.is_prospect,
    )
    return TurnState(customer=customer, recipient=recipient, chunks=[])


DRAFT = Draft(
    channel="email",
    language="en",
    subject="Your cover",
    body="Hi, we would like to review your cover with you.",
    prompt=PromptRef(id="test", version=1, sha256="0" * 64),
    source="offline",
)


def test_the_requested_contact_is_the_recipient() -> None:
    contacts = [person("sarah", primary=True), person("anna")]

    assert choose_recipient(contacts, "S000001", "anna") == contacts[1]


def test_without_a_request_the_primary_contact_is_the_recipient() -> None:
    contacts = [person("anna"), person("sarah", primary=True)]

    assert choose_recipient(contacts, "S000001", None) == contacts[1]


def test_a_customer_without_contacts_has_no_recipient() -> None:
    assert choose_recipient([], "S000001", None) is None


def test_an_unknown_contact_is_a_typed_error_naming_the_customers_contacts() -> None:
    contacts = [person("sarah", primary=True), person("anna")]

    with pytest.raises(UnknownContact, match="pick one of that customer's contact ids"):
        choose_recipient(contacts, "S000001", "S000002-1")
    with pytest.raises(UnknownContact, match="the customer has no contacts"):
        choose_recipient([], "S000001", "S000001-1")


def test_a_turn_reads_the_customers_contacts_primary_first(shared_settings: Settings) -> None:
    inputs = load_inputs(shared_settings, "S000001", NOW, [], set())

    names = [(c.first_name, c.primary) for c in inputs.contact_persons]
    assert names == [("Sarah", True), ("Anna", False), ("Johan", False)]
    assert inputs.contact_persons[2].contactability.consent("email") == "refused"


def test_the_gate_reads_the_recipients_consent_not_the_companys() -> None:
    refused = person("johan", consent_email=False)

    context = compliance_context(state_for(refused), "Fjord Mutual", DRAFT)
    report = check_draft(draft_text(DRAFT), {}, context)

    assert context.consent["email"] is False
    assert "channel.consent" in {f.rule for f in report.findings if f.severity == "block"}


def test_a_recipient_who_consented_passes_the_channel_check() -> None:
    context = compliance_context(state_for(person("sarah", primary=True)), "Fjord", DRAFT)

    assert context.consent == {"email": True, "phone": True, "portal": True}
    assert not context.objection_to_marketing


def test_the_companys_objection_wins_over_the_recipients_consent() -> None:
    company = Company(objection_to_marketing=True)
    sarah = person("sarah", primary=True).model_copy(
        update={"contactability": contact_contactability(Person(), company)}
    )

    context = compliance_context(state_for(sarah, company), "Fjord", DRAFT)
    report = check_draft(draft_text(DRAFT), {}, context)

    assert context.objection_to_marketing
    assert "channel.objection" in {f.rule for f in report.findings if f.severity == "block"}


def test_without_a_recipient_the_company_record_decides_as_before() -> None:
    context = compliance_context(state_for(None, Company(consent_email=None)), "Fjord", DRAFT)

    assert context.consent == {"email": False, "phone": True, "portal": True}
