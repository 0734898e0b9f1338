"""Contactability: may we contact this customer on this channel, and may we sell to them.

The one home of these decisions. Consent is recorded per contact channel (email, phone,
portal): only a recorded yes is consent, unknown means no (fail closed). An objection to direct
marketing removes the customer from all marketing; the care flag means care, not a sale.
A contact person at the company is reached on their own consent (``contact_contactability``):
the company's objection and care hold for them too, an objection always wins, and the
country's B2B e-mail rule (``b2b_email.yaml``, versioned) adds the existing-customer soft
opt-in for e-mail to a person with nothing recorded.
``contactability`` decides for one customer; ``consent_columns`` and ``marketing_columns`` are
the column-wise twins for the batch (a parity test holds them equal). The draft formats map to
the contact channel they are delivered on here too (a call script and talking points are said
on the phone).
"""

from tools.contactability.b2b_email import (
    B2BEmailRule,
    B2BEmailRules,
    RegulationRef,
    load_b2b_email_rules,
)
from tools.contactability.columns import consent_columns, marketing_columns
from tools.contactability.people import (
    CompanyRecord,
    PersonConsent,
    contact_contactability,
    soft_opt_in_applies,
)
from tools.contactability.rules import (
    CONTACT_CHANNELS,
    DRAFT_FORMAT,
    ChannelState,
    ConsentState,
    Contactability,
    ContactChannel,
    CustomerConsent,
    LawfulBasis,
    consent_state,
    contact_channel_of,
    contactability,
    draft_format_for,
    has_consent,
)

__all__ = [
    "CONTACT_CHANNELS",
    "DRAFT_FORMAT",
    "B2BEmailRule",
    "B2BEmailRules",
    "ChannelState",
    "CompanyRecord",
    "ConsentState",
    "ContactChannel",
    "Contactability",
    "CustomerConsent",
    "LawfulBasis",
    "PersonConsent",
    "RegulationRef",
    "consent_columns",
    "consent_state",
    "contact_channel_of",
    "contact_contactability",
    "contactability",
    "draft_format_for",
    "has_consent",
    "load_b2b_email_rules",
    "marketing_columns",
    "soft_opt_in_applies",
]
