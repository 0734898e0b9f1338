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
        "industry": "it_services",
        "employees": 15,
        "contact_name": "Anna Berg",
        "email": "anna.berg@nordicit.se",
        "phone": "+46 70 123 45 67",
        "personal_id": "19850612-1234",
    },
    "crm_notes": "Anna mentioned burnout; call her mobile 070-123 45 67",
    "recommendation": {
        "product": "CYBER",
        "indicative_premium_eur": 1850,
        "reason": "IT company handling client data without cyber cover",
    },
    "events": [
        {"type": "growth", "payload": {"employees_from": 8, "employees_to": 15, "text": "private"}}
    ],
}

DRAFT_PASSAGES = (
    Passage(
        chunk_id="cyber-liability@2026.1#0",
        text="Cyber liability covers data breach response, ransomware and third-party privacy "
        "claims. Main exclusions: unpatched known vulnerabilities, war.",
    ),
)

DRAFT_REQUEST = (
    "Email Anna (anna.berg@nordicit.se, personnummer 850612-1234) about cyber cover now that "
    "they have grown to 15 employees."
)

PORTAL_FACTS: dict[str, Any] = {
    "customer": {"name": "Bergen Tech AS", "country": "NO", "employees": 9},
    "signal": {"portal_logins_last_week": 4, "document_downloads": 2},
    "offer": {"action": "invite to a cover review consultation"},
}

PORTAL_REQUEST = "Portal message inviting them to a free cover review."
