"""The turn API: identity resolution, the JSON contract, and resume from stored identity."""

from __future__ import annotations

import json

import pytest

from copilot.checkpoints import _postgres_url
from copilot.records.models import ApprovalRecord
from copilot.records.store import UnknownApproval
from copilot.turn import resume_turn, run_turn
from copilot.turn_result import TurnResult
from tests.copilot.conftest import NOW, SEED_ADVISOR
from tools.foundation.db import session_scope
from tools.foundation.errors import UnknownAdvisor
from tools.foundation.settings import Settings

pytestmark = pytest.mark.usefixtures("models_env")


def test_customer_and_advisor_by_exact_name(shared_settings: Settings) -> None:
    with session_scope(shared_settings) as session:
        from tools.book.models import Advisor

        advisor_name = session.get(Advisor, SEED_ADVISOR).name  # type: ignore[union-attr]

    result = run_turn(
        shared_settings,
        advisor_name,
        "Nordic Manufacturing Oy",
        "Draft an email",
        now=NOW,
        llm=None,
    )

    assert (result.advisor_id, result.customer_id) == (SEED_ADVISOR, "S000002")


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

    approval = resume_turn(turn_settings, result.approval_id, "approve", "co-1", "ok", now=NOW)

    assert approval.record_id == result.approval_id
    assert approval.decision == "approve"


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

    approval = resume_turn(turn_settings, result.approval_id, "approve", "co-1", "ok", now=NOW)

    assert approval.record_id == result.approval_id
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
