from __future__ import annotations

import pytest

from copilot.compliance import check_draft
from tests.copilot.compliance.conftest import ENGLISH_EMAIL, FACTS, make_context, make_draft


def _rules(text: str = ENGLISH_EMAIL, **context: object) -> list[str]:
    report = check_draft(make_draft(text), FACTS, make_context(**context))
    return [finding.rule for finding in report.findings if finding.severity == "block"]


@pytest.mark.parametrize("consent", [{"email": None}, {"email": False}, {}, {"phone": True}])
def test_consent_not_true_is_blocked(consent: dict[str, bool | None]) -> None:
    assert "channel.consent" in _rules(consent=consent)


def test_talking_points_use_phone_consent() -> None:
    draft = make_draft("Ask about the 15 employees.", channel="talking_points")
    report = check_draft(
        draft, FACTS, make_context(channel="talking_points", consent={"email": True})
    )
    assert "channel.consent" in {finding.rule for finding in report.findings}


def test_objection_to_marketing_is_blocked() -> None:
    assert "channel.objection" in _rules(objection_to_marketing=True)


def test_contact_policy_block_is_blocked() -> None:
    assert "channel.contact_policy" in _rules(contact_policy_blocks=["claim_within_30_days"])


def test_care_flag_blocks_selling() -> None:
    assert "channel.care" in _rules(care_flag=True)


def test_care_message_without_selling_passes() -> None:
    text = (
        "Marketing preferences apply. Dear Anna, we are sorry to hear about the water damage at"
        " your office. Your advisor at Fjord Mutual Insurance Ltd will call to help with the"
        " claim. You can opt out of messages from us at any time."
    )
    assert _rules(text, care_flag=True) == []


def test_care_flag_blocks_draft_declared_about_products() -> None:
    text = "Dear Anna, your advisor will call you next week. Opt out any time."
    assert "channel.care" in _rules(text, care_flag=True, products_mentioned=["CYBER"])


def test_nordic_product_name_counts_as_selling_for_care_flag() -> None:
    text = "Marknadsföring från Fjord Mutual Insurance Ltd. Om konsultansvarsförsäkring?"
    draft = make_draft(text + " Avregistrera dig i portalen.", language="sv")
    report = check_draft(draft, FACTS, make_context(language="sv", care_flag=True))
    assert "channel.care" in {finding.rule for finding in report.findings}
