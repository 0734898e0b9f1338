"""A customer flagged for care gets no sale: no product, no price, and a human decides."""

from __future__ import annotations

from tests.copilot.conftest import NOW, SEED_ADVISOR
from tests.copilot.turns import run_turn
from tools.book.models import Customer
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings


def test_care_flag_drafts_no_offer_and_goes_to_a_human(turn_settings: Settings) -> None:
    with session_scope(turn_settings) as session:
        customer = session.get(Customer, "S000002")
        assert customer is not None
        customer.care_flag = True

    result = run_turn(turn_settings, SEED_ADVISOR, "S000002", "Draft an email", now=NOW, llm=None)

    assert result.draft is not None
    assert "EUR" not in result.draft.text and "Cyber" not in result.draft.text
    assert {f.rule for f in result.findings if f.severity == "block"} == {"channel.contact_policy"}
    assert result.escalated
