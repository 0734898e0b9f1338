"""Contactability: may we contact this customer on this channel, and may we sell to them.

The one home of these decisions. Consent is recorded per contact channel (email, phone,
portal): only a recorded yes is consent, unknown means no (fail closed). An objection to direct
marketing removes the customer from all marketing; the care flag means care, not a sale.
``contactability`` decides for one customer; ``consent_columns`` and ``marketing_columns`` are
the column-wise twins for the batch (a parity test holds them equal). The draft formats map to
the contact channel they are delivered on here too (a call script and talking points are said
on the phone).
"""

from tools.contactability.columns import consent_columns, marketing_columns
from tools.contactability.rules import (
    CONTACT_CHANNELS,
    DRAFT_FORMAT,
    ChannelState,
    ConsentState,
    Contactability,
    ContactChannel,
    CustomerConsent,
    consent_state,
    contact_channel_of,
    contactability,
    draft_format_for,
    has_consent,
)

__all__ = [
    "CONTACT_CHANNELS",
    "DRAFT_FORMAT",
    "ChannelState",
    "ConsentState",
    "ContactChannel",
    "Contactability",
    "CustomerConsent",
    "consent_columns",
    "consent_state",
    "contact_channel_of",
    "contactability",
    "draft_format_for",
    "has_consent",
    "marketing_columns",
]
