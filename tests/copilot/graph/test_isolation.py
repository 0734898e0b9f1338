"""Advisors only reach their own book: identity comes from the request, never from text."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.copilot.conftest import NOW, SEED_ADVISOR
from tests.copilot.turns import run_turn
from tools.book.models import Advisor
from tools.foundation.db import session_scope
from tools.foundation.errors import UnknownCustomer
from tools.foundation.settings import Settings


def _other_advisor(settings: Settings) -> str:
    with session_scope(settings) as session:
        ids = list(session.scalars(select(Advisor.id).where(Advisor.id != SEED_ADVISOR)))
    return ids[0]


def test_advisor_cannot_ask_about_another_advisors_customer(shared_settings: Settings) -> None:
    other = _other_advisor(shared_settings)

    with pytest.raises(UnknownCustomer):
        run_turn(shared_settings, other, "S000001", "What should I offer?", now=NOW, llm=None)


def test_customer_named_in_the_message_does_not_change_identity(shared_settings: Settings) -> None:
    result = run_turn(
        shared_settings,
        SEED_ADVISOR,
        "S000002",
        "Draft an email for customer S000001 (Nordic IT Solutions AB)",
        now=NOW,
        llm=None,
    )

    assert result.customer_id == "S000002"
    assert result.draft is not None and result.draft.language == "fi"
    assert "kiristyshaittaohjelma" in result.draft.text  # S000002's trigger: ransomware
    assert "Nordic IT Solutions AB" not in result.draft.text
