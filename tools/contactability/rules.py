"""Contactability of one customer: consent per channel, objection, care (see the package)."""

from __future__ import annotations

from typing import Literal, Protocol

from pydantic import BaseModel, Field

ContactChannel = Literal["email", "phone", "portal"]
"""A channel the insurer reaches a customer on (consent is recorded per channel)."""
CONTACT_CHANNELS: tuple[ContactChannel, ...] = ("email", "phone", "portal")
ConsentState = Literal["given", "refused", "unknown"]
"""What the book records about consent on a channel; only ``given`` is consent."""
LawfulBasis = Literal["consent", "soft_opt_in"]
"""Why marketing on a channel is lawful: recorded consent, or the existing-customer soft
opt-in for e-mail to a named person (``b2b_email.yaml``)."""

CONTACT_CHANNEL_OF: dict[str, ContactChannel] = {
    "email": "email",
    "call_script": "phone",
    "talking_points": "phone",
    "portal_message": "portal",
}
"""The contact channel each draft format is delivered on (talking points are said in a call)."""
DRAFT_FORMAT: dict[ContactChannel, str] = {
    "email": "email",
    "phone": "call_script",
    "portal": "portal_message",
}
"""The outreach draft format of each contact channel."""


class CustomerConsent(Protocol):
    """What contactability reads of a customer (a book row or a snapshot of it)."""

    @property
    def consent_email(self) -> bool | None:
        """Consent to marketing by e-mail (None: unknown)."""

    @property
    def consent_phone(self) -> bool | None:
        """Consent to marketing by phone (None: unknown)."""

    @property
    def consent_portal(self) -> bool | None:
        """Consent to marketing in the portal (None: unknown)."""

    @property
    def objection_to_marketing(self) -> bool:
        """Objected to direct marketing."""

    @property
    def care_flag(self) -> bool:
        """Flagged for care."""


def has_consent(value: object) -> bool:
    """Return whether a recorded consent value is a yes (None, NaN or anything else is no)."""
    return value is True


def consent_state(value: object) -> ConsentState:
    """Return the recorded consent in words: given, refused or unknown (unknown means no)."""
    if value is True:
        return "given"
    return "refused" if value is False else "unknown"


def contact_channel_of(draft_format: str) -> ContactChannel:
    """Return the contact channel a draft format (or a contact channel) is delivered on.

    Raises:
        KeyError: the name is neither a draft format nor a contact channel.
    """
    if draft_format in CONTACT_CHANNELS:
        return draft_format
    return CONTACT_CHANNEL_OF[draft_format]


def draft_format_for(channel: str) -> str:
    """Return the outreach draft format of a contact channel (email for an unknown one)."""
    return DRAFT_FORMAT.get(channel, "email")  # type: ignore[call-overload]


class ChannelState(BaseModel):
    """Whether one channel may carry marketing to the customer now."""

    channel: ContactChannel = Field(description="The contact channel.")
    consent: ConsentState = Field(description="Recorded consent; unknown means no.")
    marketing_allowed: bool = Field(
        description="A lawful basis (consent, or the soft opt-in) and no objection to marketing."
    )
    basis: LawfulBasis | None = Field(
        None,
        description="The lawful basis for marketing on this channel, objection aside: consent,"
        " the soft opt-in (e-mail to a named person at an existing customer), or none.",
    )


class Contactability(BaseModel):
    """May we contact the customer for marketing, on which channels, and may we sell."""

    channels: list[ChannelState] = Field(description="Consent and permission per channel.")
    objection_to_marketing: bool = Field(
        description="Objected to direct marketing: removed from all targeting (GDPR Art. 21)."
    )
    care_flag: bool = Field(description="Vulnerable or in a care situation: care, not a sale.")
    may_sell: bool = Field(description="No objection and no care flag (contact policy aside).")
    rules_version: str | None = Field(
        None,
        description="Version of the B2B e-mail rules applied (a contact person's decision;"
        " None for the company's own record).",
    )

    def consent(self, channel: str) -> ConsentState:
        """Return the recorded consent of a contact channel or draft format."""
        wanted = contact_channel_of(channel)
        return next(c.consent for c in self.channels if c.channel == wanted)

    def may_market_on(self, channel: str) -> bool:
        """Return whether marketing may go out on a contact channel or draft format."""
        wanted = contact_channel_of(channel)
        return next(c.marketing_allowed for c in self.channels if c.channel == wanted)

    def consented(self) -> dict[ContactChannel, bool]:
        """Return consent per contact channel as booleans (only a recorded yes is True)."""
        return {c.channel: c.consent == "given" for c in self.channels}

    def lawful(self) -> dict[ContactChannel, bool]:
        """Return per contact channel whether a lawful basis exists, objection aside.

        A recorded yes, or the soft opt-in for e-mail to a named person; for a company's own
        record this is ``consented()``.
        """
        return {c.channel: c.consent == "given" or c.basis == "soft_opt_in" for c in self.channels}


def contactability(customer: CustomerConsent) -> Contactability:
    """Decide the customer's contactability from the book's consent, objection and care flag."""
    objection = bool(customer.objection_to_marketing)
    care = bool(customer.care_flag)
    channels = []
    for channel in CONTACT_CHANNELS:
        recorded = getattr(customer, f"consent_{channel}")
        channels.append(
            ChannelState(
                channel=channel,
                consent=consent_state(recorded),
                marketing_allowed=has_consent(recorded) and not objection,
                basis="consent" if has_consent(recorded) else None,
            )
        )
    return Contactability(
        channels=channels,
        objection_to_marketing=objection,
        care_flag=care,
        may_sell=not objection and not care,
    )
