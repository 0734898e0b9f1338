"""An approved draft records each product it presents with trigger, versions and arm."""

from __future__ import annotations

from sqlalchemy import select

from tests.copilot.conftest import NOW, SEED_ADVISOR
from tests.copilot.turns import decide_through, resume_turn, run_turn
from tools.book.models import Offer
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings
from tools.learning.models import PresentedOffer


def test_an_approved_draft_records_its_offers_for_learning(turn_settings: Settings) -> None:
    result = run_turn(turn_settings, SEED_ADVISOR, "S000002", "Draft an email", now=NOW, llm=None)
    assert result.approval_id is not None

    decide_through(turn_settings, result.approval_id, "approve", "co-1", "fits", now=NOW)

    with session_scope(turn_settings) as session:
        records = list(
            session.scalars(
                select(PresentedOffer).where(PresentedOffer.approval_id == result.approval_id)
            )
        )
        book = {o.id: o for o in session.scalars(select(Offer).where(Offer.presented_at == NOW))}
        assert records, "an approved draft presents at least one product"
        for record in records:
            assert record.book_offer_id in book
            assert book[record.book_offer_id].product_code == record.product_code
            assert record.rule_pack_id.startswith("nordic-fi")
            assert record.arm == "champion"
            assert record.trigger_type in {"industry_incident", "growth", "gap", "renewal"}
        incident = [r for r in records if r.trigger_type == "industry_incident"]
        assert incident, "Nordic Manufacturing's offer answers the ransomware incident"
        assert incident[0].triggered_at is not None and incident[0].triggered_at < NOW
        assert incident[0].urgency == "high"


def test_a_rejected_draft_records_no_offer_for_learning(turn_settings: Settings) -> None:
    result = run_turn(turn_settings, SEED_ADVISOR, "S000002", "Draft an email", now=NOW, llm=None)
    assert result.approval_id is not None

    resume_turn(turn_settings, result.approval_id, "reject", "co-3", "not now", now=NOW)

    with session_scope(turn_settings) as session:
        assert not list(session.scalars(select(PresentedOffer)))
