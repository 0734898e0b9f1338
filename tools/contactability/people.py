"""Contactability of a contact person: their own consent, the company's objection and care.

A message to a person at a company goes out on the person's consent per channel, not the
company's record: only a recorded yes is consent, unknown means no. An objection to direct
marketing, by the person or by the company, always wins; the company's care flag holds for
everyone there. For e-mail, the country's B2B rule (``b2b_email.yaml``) may add the
existing-customer soft opt-in for a person with nothing recorded; a refusal is never
overridden.
"""

from __future__ import annotations

from typing import Protocol

from tools.contactability.b2b_email import B2BEmailRule, B2BEmailRules, load_b2b_email_rules
from tools.contactability.rules import (
    CONTACT_CHANNELS,
    ChannelState,
    Contactability,
    CustomerConsent,
    LawfulBasis,
    consent_state,
    has_consent,
)


class PersonConsent(Protocol):
    """What contactability reads of a contact person (a book row or facts about one)."""

    @property
    def consent_email(self) -> bool | None:
        """The person's consent to marketing by e-mail (None: unknown)."""

    @property
    def consent_phone(self) -> bool | None:
        """The person's consent to marketing by phone (None: unknown)."""

    @property
    def consent_portal(self) -> bool | None:
        """The person's consent to marketing in the portal (None: unknown)."""

    @property
    def objection_to_marketing(self) -> bool:
        """The person objected to direct marketing."""


class CompanyRecord(CustomerConsent, Protocol):
    """What contactability reads of the person's company (a book row or a snapshot of it)."""

    @property
    def country(self) -> str:
        """Country code of the company."""

    @property
    def is_prospect(self) -> bool:
        """Not a customer yet (holds no policy with us)."""


def soft_opt_in_applies(rule: B2BEmailRule, person: PersonConsent, company: CompanyRecord) -> bool:
    """Return whether the existing-customer soft opt-in covers e-mail to this person.

    Only when nothing is recorded for the person (a refusal is an opt-out), the company is
    an existing customer whose own e-mail consent is recorded as given, and the country's
    rule has the exception. Objections are decided apart and always win.
    """
    return (
        rule.soft_opt_in
        and consent_state(person.consent_email) == "unknown"
        and not company.is_prospect
        and has_consent(company.consent_email)
    )


def _basis(
    channel: str, person: PersonConsent, company: CompanyRecord, rule: B2BEmailRule
) -> LawfulBasis | None:
    if has_consent(getattr(person, f"consent_{channel}")):
        return "consent"
    if channel == "email" and soft_opt_in_applies(rule, person, company):
        return "soft_opt_in"
    return None


def contact_contactability(
    person: PersonConsent, company: CompanyRecord, rules: B2BEmailRules | None = None
) -> Contactability:
    """Decide whether marketing may reach this person, per channel, and whether we may sell.

    Args:
        person: The contact person (their consent per channel and objection).
        company: The person's company (its country, whether it is a customer, its e-mail
            consent for the soft opt-in, its objection and care flag).
        rules: The B2B e-mail rules (default: the shipped ``b2b_email.yaml``).
    """
    pack = rules or load_b2b_email_rules()
    rule = pack.rule(company.country)
    objection = bool(person.objection_to_marketing) or bool(company.objection_to_marketing)
    care = bool(company.care_flag)
    channels = []
    for channel in CONTACT_CHANNELS:
        basis = _basis(channel, person, company, rule)
        channels.append(
            ChannelState(
                channel=channel,
                consent=consent_state(getattr(person, f"consent_{channel}")),
                marketing_allowed=basis is not None and not objection,
                basis=basis,
            )
        )
    return Contactability(
        channels=channels,
        objection_to_marketing=objection,
        care_flag=care,
        may_sell=not objection and not care,
        rules_version=pack.version,
    )
