# ruff: noqa: E501 - the reference drafts are recorded request text, kept line for line
"""Inputs of the recorded contract calls: changing any of them changes the request body."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Passage:
    """A retrieved passage as the knowledge search returns it (id and text only)."""

    chunk_id: str
    text: str


INSURER = "Fjord Mutual Insurance Ltd"

PLAN_MESSAGE = "Draft an email to Nordic IT Solutions about cyber insurance"

SECRETS = ("anna.berg@nordicit.se", "+46 70 123 45 67", "070-123 45 67", "850612-1234")
"""Personal data planted in the draft inputs; none may appear in a recorded request."""

DRAFT_FACTS: dict[str, Any] = {
    "customer": {
        "name": "Nordic IT Solutions AB",
        "country": "SE",
        "email": "anna.berg@nordicit.se",
        "phone": "+46 70 123 45 67",
        "personal_id": "19850612-1234",
    },
    "contact_first_name": "Sarah",
    "crm_notes": "Anna mentioned burnout; call her mobile 070-123 45 67",
    "products": ["CYBER"],
    "reasons": ["CYBER: IT services company with 15 employees and client data, no cyber cover"],
    "indicative_prices": {"CYBER": "EUR 1,850"},
    "sales_allowed": True,
}
"""What ``llm_facts`` sends, with personal data planted that minimisation must drop."""

DRAFT_PASSAGES = (
    Passage(
        chunk_id="product-cyber@1.0#1",
        text="Cyber liability covers data breach response, ransomware and third-party privacy "
        "claims. Main exclusions: unpatched known vulnerabilities, war.",
    ),
    Passage(
        chunk_id="product-cyber-sv@1.0#0",
        text="Cyberförsäkring skyddar företaget mot kostnaderna för ett dataintrång eller en "
        "it-attack. Viktigaste undantag: krig och statliga cyberoperationer.",
    ),
)

EMAIL_REFERENCE_EN = """Subject: Marketing from Fjord Mutual Insurance Ltd: Sarah, cyber cover for your growing business

Marketing from Fjord Mutual Insurance Ltd.

Hi Sarah,

We are writing now because Nordic IT Solutions AB has grown from 8 to 15 employees and its revenue is up 45 %.
- Cyber liability: protects your business against the cost of a cyber attack or data breach [product-cyber@1.0#1]
  Main exclusion: war and state-backed cyber operations [product-cyber@1.0#1]
  Indicative annual premium: EUR 1,850 (indicative, not an offer; final price after underwriting).

Reply to this e-mail and we will book a short call at a time that suits you.

The insurer that carries the risk is Fjord Mutual Insurance Ltd.
You can object to marketing or unsubscribe at any time by replying STOP.

Kind regards,
Your advisor at Fjord Mutual Insurance Ltd"""

EMAIL_REFERENCE_SV = """Subject: Marknadsföring från Fjord Mutual Insurance Ltd: Sarah, cyberskydd för ett växande företag

Marknadsföring från Fjord Mutual Insurance Ltd.

Hej Sarah,

Vi hör av oss nu eftersom Nordic IT Solutions AB har vuxit från 8 till 15 anställda och omsättningen har ökat med 45 %.
- Cyberförsäkring: skyddar företaget mot kostnaderna för ett dataintrång eller en it-attack [product-cyber-sv@1.0#0]
  Viktigaste undantag: krig och statliga cyberoperationer [product-cyber-sv@1.0#0]
  Indikativ årspremie: EUR 1,850 (indikativ, inte ett erbjudande; slutligt pris efter riskbedömning).

Svara på det här mejlet så bokar vi ett kort samtal när det passar er.

Försäkringsgivare som bär risken är Fjord Mutual Insurance Ltd.
Ni kan när som helst invända mot marknadsföring eller avregistrera er genom att svara STOPP.

Vänliga hälsningar,
Er rådgivare på Fjord Mutual Insurance Ltd"""

DRAFT_REQUEST = "draft outreach about CYBER"
"""The request line as ``llm_draft`` writes it (intent and products, never free text)."""

REVISION_FINDINGS = (
    "claims.absolute: 'fully covered' is an absolute claim: say what the cover pays and its"
    " main limits instead.",
    "disclosure.opt_out: the message has no opt-out notice: add the sentence on objecting to"
    " marketing.",
)

FAILED_DRAFT_SV = """Subject: Marknadsföring från Fjord Mutual Insurance Ltd: cyberskydd

Hej Sarah,

Med vår cyberförsäkring är ni fullt skyddade mot alla it-attacker [product-cyber-sv@1.0#0].
Indikativ årspremie: EUR 1,850 (indikativ, inte ett erbjudande).

Vänliga hälsningar,
Er rådgivare på Fjord Mutual Insurance Ltd"""
