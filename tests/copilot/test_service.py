"""The turn service: ids only, the JSON contract, resume from stored identity, one decision."""

from __future__ import annotations

import json
import threading

import pytest
from pydantic import ValidationError
from sqlalchemy import select

from copilot.checkpoints import _postgres_url
from copilot.cli.ask_cmd import _identity
from copilot.records.models import ApprovalRecord
from copilot.records.store import ApprovalAlreadyDecided, ApprovalBlocked, UnknownApproval
from copilot.service import TurnRequest, TurnService
from copilot.turn_result import TurnResult
from tests.copilot.conftest import NOW, SEED_ADVISOR
from tests.copilot.turns import decide_through, resume_turn, run_turn
from tools.book.models import Advisor, Customer
from tools.book.repository import AmbiguousName
from tools.foundation.db import session_scope
from tools.foundation.errors import UnknownAdvisor, UnknownCustomer
from tools.foundation.settings import Settings


def test_the_service_takes_ids_not_names(shared_settings: Settings) -> None:
    with pytest.raises(UnknownCustomer):
        run_turn(shared_settings, SEED_ADVISOR, "Nordic Manufacturing Oy", "hi", now=NOW)


def test_the_cli_resolves_exact_names_to_ids(cli_env: Settings) -> None:
    with session_scope(cli_env) as session:
        advisor_name = session.get(Advisor, SEED_ADVISOR).name  # type: ignore[union-attr]

    assert _identity(advisor_name, "Nordic Manufacturing Oy") == (SEED_ADVISOR, "S000002")


def test_the_cli_refuses_an_ambiguous_name(cli_env: Settings) -> None:
    with session_scope(cli_env) as session:
        twin = session.get(Customer, "S000003")
        assert twin is not None and twin.advisor_id == SEED_ADVISOR
        twin.name = "Nordic Manufacturing Oy"

    with pytest.raises(AmbiguousName, match="give the customer id"):
        _identity(SEED_ADVISOR, "Nordic Manufacturing Oy")


def test_another_advisors_customer_is_not_found(shared_settings: Settings) -> None:
    with session_scope(shared_settings) as session:
        other = session.scalars(
            select(Customer.id).where(Customer.advisor_id != SEED_ADVISOR).limit(1)
        ).one()

    with pytest.raises(UnknownCustomer):
        run_turn(shared_settings, SEED_ADVISOR, other, "Draft an email", now=NOW)


def test_a_message_over_the_limit_is_refused_before_any_work(shared_settings: Settings) -> None:
    with pytest.raises(ValidationError, match="at most 4000"):
        TurnRequest(advisor_id=SEED_ADVISOR, customer_id="S000002", message="x" * 4001)


def test_two_concurrent_decisions_on_one_draft_exactly_one_wins(turn_settings: Settings) -> None:
    result = run_turn(turn_settings, SEED_ADVISOR, "S000002", "Draft an email", now=NOW)
    assert result.approval_id is not None
    outcomes: list[str] = []

    def decide(reviewer: str) -> None:
        try:
            resume_turn(turn_settings, str(result.approval_id), "approve", reviewer, "ok")
            outcomes.append("won")
        except ApprovalAlreadyDecided:
            outcomes.append("conflict")

    threads = [threading.Thread(target=decide, args=(f"co-{k}",)) for k in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["conflict", "won"]
    with session_scope(turn_settings) as session:
        record = session.get(ApprovalRecord, result.approval_id)
        assert record is not None and record.status in ("approved", "in_review")


def test_a_blocked_approval_leaves_the_draft_pending(turn_settings: Settings) -> None:
    result = run_turn(turn_settings, SEED_ADVISOR, "S000002", "Draft an email", now=NOW)
    assert result.approval_id is not None

    with pytest.raises(ApprovalBlocked):
        resume_turn(turn_settings, result.approval_id, "edit", "co-1", "empty", "  ")

    service = TurnService(turn_settings, llm=None)
    assert [t.approval_id for t in service.pending(SEED_ADVISOR)] == [result.approval_id]


def test_evidence_of_a_pending_draft_holds_its_facts_and_citations(turn_settings: Settings) -> None:
    result = run_turn(turn_settings, SEED_ADVISOR, "S000001", "Draft an email", now=NOW)
    assert result.approval_id is not None and result.draft is not None

    found = TurnService(turn_settings, llm=None).evidence(result.approval_id, SEED_ADVISOR)

    assert found.status == "pending" and found.draft is not None
    assert found.draft.body in result.draft.text
    assert "contact_policy" in found.facts
    assert {c.chunk_id for c in found.citations} == set(result.draft.citations)


def test_another_advisor_cannot_read_a_drafts_evidence(turn_settings: Settings) -> None:
    result = run_turn(turn_settings, SEED_ADVISOR, "S000002", "Draft an email", now=NOW)
    assert result.approval_id is not None

    with pytest.raises(UnknownApproval):
        TurnService(turn_settings, llm=None).evidence(result.approval_id, "ADV-002")


def test_result_round_trips_as_json(shared_settings: Settings) -> None:
    result = run_turn(shared_settings, SEED_ADVISOR, "S000002", "Draft an email", now=NOW, llm=None)

    again = TurnResult.model_validate(json.loads(result.model_dump_json()))

    assert again == result


def test_unknown_advisor_is_a_typed_error(shared_settings: Settings) -> None:
    with pytest.raises(UnknownAdvisor):
        run_turn(shared_settings, "nobody", "S000002", "hi", now=NOW, llm=None)


def test_resume_records_under_the_stored_identity(turn_settings: Settings) -> None:
    result = run_turn(turn_settings, SEED_ADVISOR, "S000002", "Draft an email", now=NOW, llm=None)
    assert result.approval_id is not None

    approval = decide_through(turn_settings, result.approval_id, "approve", "co-1", "ok", now=NOW)

    assert approval.record_id == result.approval_id
    with session_scope(turn_settings) as session:
        record = session.get(ApprovalRecord, result.approval_id)
        assert record is not None and (record.advisor_id, record.customer_id) == (
            SEED_ADVISOR,
            "S000002",
        )


def test_postgres_checkpoint_url_drops_the_driver() -> None:
    settings = Settings(database_url="postgresql+psycopg://u@127.0.0.1:5432/db")

    assert _postgres_url(settings) == "postgresql://u@127.0.0.1:5432/db"


def test_a_turn_whose_pending_row_was_lost_can_still_be_approved(
    turn_settings: Settings,
) -> None:
    # The process died after the checkpoint and before the pending row was written.
    result = run_turn(turn_settings, SEED_ADVISOR, "S000002", "Draft an email", now=NOW, llm=None)
    assert result.approval_id is not None
    with session_scope(turn_settings) as session:
        session.delete(session.get(ApprovalRecord, result.approval_id))

    approval = decide_through(turn_settings, result.approval_id, "approve", "co-1", "ok", now=NOW)

    assert approval.released
    with session_scope(turn_settings) as session:
        record = session.get(ApprovalRecord, result.approval_id)
        assert record is not None
        assert (record.status, record.advisor_id, record.customer_id) == (
            "approved",
            SEED_ADVISOR,
            "S000002",
        )


def test_an_id_with_no_turn_behind_it_stays_unknown(turn_settings: Settings) -> None:
    with pytest.raises(UnknownApproval):
        resume_turn(turn_settings, "no-such-turn", "approve", "co-1", "ok", now=NOW)
