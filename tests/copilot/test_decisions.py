"""Maker-checker: an approved first e-mail waits for compliance; the outbox gets what passed."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from copilot.outbox.models import OutboxMessage
from copilot.records.models import ApprovalRecord, DecisionRecord
from copilot.records.store import ApprovalBlocked, ReviewNotWaiting, SelfApproval
from copilot.review.models import ReviewItem
from copilot.review.policy import in_sample
from tests.copilot.conftest import NOW, SEED_ADVISOR
from tests.copilot.turns import resume_turn, review_turn, run_turn
from tools.book.models import Customer, Offer
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings

YEAR_AGO = NOW.replace(year=NOW.year - 1)


def _first_email(settings: Settings) -> str:
    result = run_turn(settings, SEED_ADVISOR, "S000002", "Draft an email", now=NOW)
    assert result.approval_id is not None and result.draft is not None
    assert result.draft.channel == "email" and result.passed
    return result.approval_id


def test_an_approved_first_email_waits_in_the_review_queue(turn_settings: Settings) -> None:
    approval_id = _first_email(turn_settings)

    result = resume_turn(turn_settings, approval_id, "approve", "adv-user", "ok", now=NOW)

    assert (result.status, result.released) == ("in_review", False)
    with session_scope(turn_settings) as session:
        item = session.get(ReviewItem, approval_id)
        assert item is not None and item.status == "waiting"
        assert item.queued_because == ["pre_approval"] and item.country == "FI"
        assert session.scalars(select(OutboxMessage)).first() is None


def test_compliance_approval_releases_the_message_and_records_both_decisions(
    turn_settings: Settings,
) -> None:
    approval_id = _first_email(turn_settings)
    resume_turn(turn_settings, approval_id, "approve", "adv-user", "ok", now=NOW)

    result = review_turn(turn_settings, approval_id, "approve", "co-user", "compliant", "fine")

    assert (result.status, result.released) == ("approved", True)
    with session_scope(turn_settings) as session:
        sent = session.scalars(select(OutboxMessage)).one()
        assert sent.approval_id == approval_id and sent.channel == "email" and sent.subject
        assert sent.evidence["citations"] and "@" not in sent.body  # sources stay evidence
        steps = session.scalars(
            select(DecisionRecord).where(DecisionRecord.approval_id == approval_id)
        ).all()
        assert [(d.step, d.actor_id, d.actor_role) for d in steps] == [
            ("advisor", "adv-user", "advisor"),
            ("compliance", "co-user", "compliance"),
        ]
        assert steps[1].reason_code == "compliant" and steps[0].versions
        assert session.get(ReviewItem, approval_id).status == "approved"  # type: ignore[union-attr]
        presented = session.scalars(select(Offer).where(Offer.customer_id == "S000002"))
        assert {o.product_code for o in presented if o.status == "presented"}


def test_no_one_checks_their_own_draft(turn_settings: Settings) -> None:
    approval_id = _first_email(turn_settings)
    resume_turn(turn_settings, approval_id, "approve", "same-person", "ok", now=NOW)

    with pytest.raises(SelfApproval):
        review_turn(turn_settings, approval_id, "approve", "same-person", "compliant")

    with session_scope(turn_settings) as session:
        assert session.get(ApprovalRecord, approval_id).status == "in_review"  # type: ignore[union-attr]


def test_changes_requested_send_the_draft_back_to_the_advisor(turn_settings: Settings) -> None:
    approval_id = _first_email(turn_settings)
    resume_turn(turn_settings, approval_id, "approve", "adv-user", "ok", now=NOW)

    back = review_turn(turn_settings, approval_id, "request_changes", "co-user", "tone", "warmer")
    assert back.status == "pending"

    again = resume_turn(turn_settings, approval_id, "approve", "adv-user", "warmer now", now=NOW)
    assert again.status == "in_review"
    done = review_turn(turn_settings, approval_id, "approve", "co-user", "compliant")
    assert done.released


def test_a_compliance_rejection_sends_nothing(turn_settings: Settings) -> None:
    approval_id = _first_email(turn_settings)
    resume_turn(turn_settings, approval_id, "approve", "adv-user", "ok", now=NOW)

    result = review_turn(turn_settings, approval_id, "reject", "co-user", "misleading", "no")

    assert (result.status, result.released) == ("rejected", False)
    with session_scope(turn_settings) as session:
        assert session.scalars(select(OutboxMessage)).first() is None


def test_a_compliance_edit_that_fails_the_gate_is_refused(turn_settings: Settings) -> None:
    approval_id = _first_email(turn_settings)
    resume_turn(turn_settings, approval_id, "approve", "adv-user", "ok", now=NOW)

    with pytest.raises(ApprovalBlocked):
        review_turn(
            turn_settings, approval_id, "approve", "co-user", "compliant_after_edit", "",
            "Subject: Guaranteed cover\n\nWe guarantee every claim is paid.",
        )  # fmt: skip

    with session_scope(turn_settings) as session:
        assert session.get(ApprovalRecord, approval_id).status == "in_review"  # type: ignore[union-attr]


def test_a_draft_not_in_the_queue_cannot_be_reviewed(turn_settings: Settings) -> None:
    approval_id = _first_email(turn_settings)

    with pytest.raises(ReviewNotWaiting):
        review_turn(turn_settings, approval_id, "approve", "co-user", "compliant")


def test_a_customer_marketed_before_gets_the_message_without_review(
    turn_settings: Settings,
) -> None:
    with session_scope(turn_settings) as session:
        marketed = session.scalars(
            select(Customer.id)
            .join(Offer, Offer.customer_id == Customer.id)
            .where(
                Customer.advisor_id == SEED_ADVISOR,
                Offer.presented_at >= NOW.replace(year=NOW.year - 1),
            )
            .limit(1)
        ).first()
    assert marketed is not None
    result = run_turn(turn_settings, SEED_ADVISOR, marketed, "Write a portal message", now=NOW)
    assert result.approval_id is not None

    decided = resume_turn(turn_settings, result.approval_id, "approve", "adv-user", "ok", now=NOW)

    assert decided.status == "approved"
    assert decided.released == (
        result.draft is not None and result.draft.channel != "talking_points"
    )


@pytest.mark.parametrize("rate", [0.0, 1.0])
def test_the_review_sample_is_all_or_nothing_at_the_extremes(rate: float) -> None:
    draws = {in_sample(f"approval-{k}", rate) for k in range(50)}

    assert draws == {rate == 1.0}


def test_the_sample_is_stable_for_an_approval_and_near_its_rate() -> None:
    ids = [f"approval-{k}" for k in range(4000)]

    share = sum(in_sample(i, 0.1) for i in ids) / len(ids)

    assert 0.08 < share < 0.12
    assert [in_sample(i, 0.1) for i in ids[:50]] == [in_sample(i, 0.1) for i in ids[:50]]
