"""Is this customer reachable for marketing on this channel now? Read from the tools' flags.

The gate only reads flags: consent is decided by the contactability module
(``tools/contactability``) and given per contact channel as ``consent[channel] = True``;
the draft format's contact channel comes from the same module (talking points and a call
script are said on the phone). Anything else (False, None or missing) means no: the gate
fails closed.
"""

from __future__ import annotations

from copilot.compliance.check_input import CheckInput
from copilot.compliance.content import is_selling
from copilot.compliance.models import Finding
from tools.contactability import contact_channel_of


def check_consent(check: CheckInput) -> list[Finding]:
    """Block unless consent for the channel is recorded as True (fail closed)."""
    key = contact_channel_of(check.context.channel)
    value = check.context.consent.get(key)
    if value is True:
        return []
    state = "refused" if value is False else "unknown"
    return [
        Finding(
            rule="channel.consent",
            severity="block",
            message=f"Marketing consent for {key} is {state}: unknown consent means no.",
            excerpt="",
        )
    ]


def check_objection(check: CheckInput) -> list[Finding]:
    """Block when the customer objected to direct marketing (GDPR Art. 21)."""
    if not check.context.objection_to_marketing:
        return []
    return [
        Finding(
            rule="channel.objection",
            severity="block",
            message="The customer objected to direct marketing: no marketing on any channel.",
            excerpt="",
        )
    ]


def check_care(check: CheckInput) -> list[Finding]:
    """Block sales content to a customer flagged for care (vulnerable or recently claiming)."""
    if not check.context.care_flag or not is_selling(check):
        return []
    return [
        Finding(
            rule="channel.care",
            severity="block",
            message="The customer is flagged for care: send a care message without selling.",
            excerpt="",
        )
    ]


def check_contact_policy(check: CheckInput) -> list[Finding]:
    """Block when the contact policy forbids sales contact now (e.g. a claim in 30 days)."""
    return [
        Finding(
            rule="channel.contact_policy",
            severity="block",
            message=f"The contact policy blocks sales contact: {rule}.",
            excerpt="",
        )
        for rule in check.context.contact_policy_blocks
    ]
