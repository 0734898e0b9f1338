from __future__ import annotations

from typing import Any

import pytest

from copilot.compliance import ComplianceContext, DraftText

INSURER = "Fjord Mutual Insurance Ltd"

ENGLISH_EMAIL = """Marketing from Fjord Mutual Insurance Ltd

Dear Anna,

Nordic IT Solutions AB has grown from 8 to 15 employees. Cyber liability covers the cost
of a data breach up to EUR 500,000 per claim, with an excess of EUR 2,500; fines are excluded.
The indicative annual premium is EUR 1,200. This is not a binding offer: the final price
is set after underwriting, and the price is not guaranteed until then.

Fjord Mutual Insurance Ltd carries the risk. If you no longer wish to receive marketing
from us, reply "unsubscribe" or opt out in the portal.
"""

SWEDISH_EMAIL = """Marknadsföring från Fjord Mutual Insurance Ltd

Hej Anna,

Nordic IT Solutions AB har vuxit från 8 till 15 anställda. Cyberförsäkringen ersätter
kostnader vid ett dataintrång upp till 500 000 euro per skada, med en självrisk på
2 500 euro; böter ingår inte. Den vägledande årspremien är 1 200 euro. Det är inte ett
bindande erbjudande och priset är inte garanterat förrän efter riskbedömning.

Vill du inte få fler erbjudanden kan du avregistrera dig i portalen.
"""

FACTS: dict[str, Any] = {
    "profile": {"employees_before": 8, "employees": 15, "renewal_date": "2025-12-15"},
    "quote": {"product": "CYBER", "premium_eur": 1200.0, "limit_eur": 500000, "excess_eur": 2500},
}


def make_context(**changes: Any) -> ComplianceContext:
    base: dict[str, Any] = {
        "country": "SE",
        "language": "en",
        "channel": "email",
        "insurer_name": INSURER,
        "retrieved_chunk_ids": ["kb:cyber-01"],
        "consent": {"email": True, "phone": True, "portal": True},
    }
    return ComplianceContext(**{**base, **changes})


def make_draft(body: str, **changes: Any) -> DraftText:
    base: dict[str, Any] = {
        "subject": None,
        "body": body,
        "channel": "email",
        "language": "en",
        "citations": ["kb:cyber-01"],
    }
    return DraftText(**{**base, **changes})


@pytest.fixture
def context() -> ComplianceContext:
    return make_context()
