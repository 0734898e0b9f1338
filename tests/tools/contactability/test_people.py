"""A contact person's contactability: their own consent, the company's objection and care."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from tools.contactability import contact_contactability, contactability, load_b2b_email_rules


@dataclass(frozen=True)
class Person:
    consent_email: bool | None = True
    consent_phone: bool | None = True
    consent_portal: bool | None = True
    objection_to_marketing: bool = False


@dataclass(frozen=True)
class Company:
    country: str = "SE"
    is_prospect: bool = False
    consent_email: bool | None = True
    consent_phone: bool | None = True
    consent_portal: bool | None = True
    objection_to_marketing: bool = False
    care_flag: bool = False


def allowed(person: Person, company: Company) -> dict[str, bool]:
    reach = contact_contactability(person, company)
    return {c.channel: c.marketing_allowed for c in reach.channels}


def test_a_person_who_refused_email_is_not_emailed_though_the_company_consented() -> None:
    reach = contact_contactability(Person(consent_email=False), Company())

    assert contactability(Company()).may_market_on("email")
    assert not reach.may_market_on("email") and reach.consent("email") == "refused"
    assert reach.may_market_on("phone")


def test_the_persons_consent_decides_each_channel() -> None:
    person = Person(consent_email=True, consent_phone=False, consent_portal=None)

    assert allowed(person, Company()) == {"email": True, "phone": False, "portal": False}


def test_a_company_objection_wins_over_the_persons_consent() -> None:
    reach = contact_contactability(Person(), Company(objection_to_marketing=True))

    assert not any(c.marketing_allowed for c in reach.channels)
    assert reach.objection_to_marketing and not reach.may_sell


def test_the_persons_own_objection_wins_too() -> None:
    reach = contact_contactability(Person(objection_to_marketing=True), Company())

    assert not any(c.marketing_allowed for c in reach.channels)
    assert reach.lawful() == {"email": True, "phone": True, "portal": True}


def test_the_companys_care_flag_holds_for_its_people() -> None:
    reach = contact_contactability(Person(), Company(care_flag=True))

    assert reach.care_flag and not reach.may_sell
    assert reach.may_market_on("email")  # care limits selling, not the channel


def test_unknown_phone_and_portal_consent_mean_no() -> None:
    person = Person(consent_email=True, consent_phone=None, consent_portal=None)

    assert allowed(person, Company()) == {"email": True, "phone": False, "portal": False}


def test_soft_opt_in_covers_email_to_an_existing_customers_person_with_nothing_recorded() -> None:
    reach = contact_contactability(Person(consent_email=None), Company())

    email = next(c for c in reach.channels if c.channel == "email")
    assert email.consent == "unknown" and email.basis == "soft_opt_in" and email.marketing_allowed
    assert reach.consented()["email"] is False and reach.lawful()["email"] is True
    assert reach.rules_version == load_b2b_email_rules().version


@pytest.mark.parametrize(
    "company",
    [
        Company(is_prospect=True),
        Company(consent_email=None),
        Company(consent_email=False),
        Company(objection_to_marketing=True),
    ],
    ids=["prospect", "company consent unknown", "company refused", "company objected"],
)
def test_soft_opt_in_needs_an_existing_customer_with_recorded_email_consent(
    company: Company,
) -> None:
    assert not contact_contactability(Person(consent_email=None), company).may_market_on("email")


def test_soft_opt_in_never_overrides_a_refusal() -> None:
    reach = contact_contactability(Person(consent_email=False), Company())

    assert reach.lawful()["email"] is False


def test_soft_opt_in_is_the_countrys_rule() -> None:
    rules = load_b2b_email_rules()
    strict = rules.model_copy(
        update={
            "countries": {
                **rules.countries,
                "SE": rules.countries["SE"].model_copy(update={"soft_opt_in": False}),
            }
        }
    )

    person = Person(consent_email=None)
    assert not contact_contactability(person, Company(), strict).may_market_on("email")
    assert contact_contactability(person, replace(Company(), country="NO"), strict).may_market_on(
        "email"
    )


@pytest.mark.parametrize("country", ["SE", "NO", "DK", "FI", "IS"])
def test_every_country_has_the_existing_customer_soft_opt_in(country: str) -> None:
    reach = contact_contactability(Person(consent_email=None), Company(country=country))

    assert reach.may_market_on("email")


def test_a_company_record_has_consent_as_its_only_basis() -> None:
    reach = contactability(Company(consent_email=None, consent_phone=False))

    assert reach.lawful() == reach.consented() == {"email": False, "phone": False, "portal": True}
    assert [c.basis for c in reach.channels] == [None, None, "consent"]
