from __future__ import annotations

from typing import Any

import pytest

from copilot.compliance import check_draft
from copilot.compliance.contacts import find_contacts, normalise
from tests.copilot.compliance.conftest import make_context, make_draft

SETTINGS = ["https://fjordmutual.example", "kontakt@fjordmutual.example", "+46 8 555 010 00"]


def _blocking(text: str, facts: Any = None, language: str = "en") -> set[str]:
    draft = make_draft(text, channel="talking_points", language=language, citations=[])
    context = make_context(channel="talking_points", language=language, known_contacts=SETTINGS)
    report = check_draft(draft, facts or {}, context)
    return {finding.rule for finding in report.findings if finding.severity == "block"}


@pytest.mark.parametrize(
    "text",
    [
        "Read more on www.fjordmutual.com.",
        "Our terms: https://fjordmutual.example/terms-2027",
        "Write to sales@fjordmutual.com with questions.",
        "Call me on +46 70 123 45 67.",
        "Ring us on 08-123 45 67 any weekday.",
    ],
)
def test_invented_contact_details_block(text: str) -> None:
    assert _blocking(text) == {"contact.unverified"}


@pytest.mark.parametrize(
    "text",
    [
        "Read more on https://fjordmutual.example/.",
        "Read more on www.fjordmutual.example.",
        "Write to Kontakt@Fjordmutual.example.",
        "Call us on 08-555 010 00.",
        "Call us on +46 8 555 010 00.",
    ],
)
def test_the_insurers_settings_may_be_given_in_any_form(text: str) -> None:
    assert _blocking(text) == set()


def test_the_recipients_own_address_from_the_facts_passes() -> None:
    facts = {"recipient": {"email": "sarah.lind@nordicit.se", "phone": "+46 70 987 65 43"}}
    text = "We will send it to sarah.lind@nordicit.se or call 070-987 65 43."
    assert _blocking(text, facts) == set()


def test_a_citation_id_used_as_an_address_blocks_once() -> None:
    assert _blocking("Write to product-sheet-cyber@1.0#2 for the terms.") == {
        "citations.id_in_text"
    }


def test_a_trailing_citation_marker_is_no_finding() -> None:
    text = "The cover has an excess of EUR 2,500. [product-sheet-cyber@1.0#2]"
    assert _blocking(text, {"excess_eur": 2500}) == set()


def test_phone_numbers_compare_by_national_digits() -> None:
    assert normalise("phone", "+46 8 555 010 00") == normalise("phone", "08-555 010 00")


def test_a_citation_id_is_not_an_email_address() -> None:
    assert list(find_contacts("cyber-sheet@2.1#4")) == []


def test_company_suffix_before_a_full_stop_is_not_a_link() -> None:
    assert list(find_contacts("Nordic IT Solutions AB.Se nästa vecka")) == []
