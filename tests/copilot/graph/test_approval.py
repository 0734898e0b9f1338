"""Human approval: the turn pauses at the interrupt and is resumed in another process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from copilot.records.models import ApprovalRecord, DraftRecord, EvidenceRecord
from copilot.records.store import ApprovalAlreadyDecided, ApprovalBlocked, UnknownApproval
from tests.copilot.conftest import NOW, SEED_ADVISOR, ScriptedLLM
from tests.copilot.graph.test_compliance_loop import PLAN, PROMISE, clean_email, promising_email
from tests.copilot.turns import decide_through, resume_turn, review_turn, run_turn
from tools.book.models import Offer
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings

REPO = Path(__file__).resolve().parents[3]


def _approve_in_subprocess(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COPILOT_DATA_DIR": str(settings.data_dir)}
    env.pop("COPILOT_DATABASE_URL", None)
    code = "from copilot.cli.main import app; app()"
    return subprocess.run(
        [sys.executable, "-c", code, "approve", *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_turn_paused_here_is_approved_from_another_process(turn_settings: Settings) -> None:
    result = run_turn(turn_settings, SEED_ADVISOR, "S000002", "Draft an email", now=NOW, llm=None)
    assert result.approval_id is not None

    done = _approve_in_subprocess(
        turn_settings,
        result.approval_id,
        "--decision",
        "approve",
        "--reviewer",
        "co-1",
        "--reason",
        "fits the ransomware trigger",
    )

    assert done.returncode == 0, done.stderr
    with session_scope(turn_settings) as session:  # a first marketing e-mail: compliance first
        waiting = session.get(ApprovalRecord, result.approval_id)
        assert waiting is not None and waiting.status == "in_review"
        assert session.get(EvidenceRecord, result.approval_id) is None
    review_turn(turn_settings, result.approval_id, "approve", "compliance-1", "compliant")
    with session_scope(turn_settings) as session:
        record = session.get(ApprovalRecord, result.approval_id)
        evidence = session.get(EvidenceRecord, result.approval_id)
        offers = list(session.scalars(select(Offer).where(Offer.customer_id == "S000002")))
        assert record is not None and record.status == "approved"
        assert record.reviewer == "compliance-1"
        assert evidence is not None and evidence.rule_pack_id.startswith("nordic-fi")
        assert evidence.facts["quote"]["label"] == "indicative, not an offer"
        assert {o.product_code for o in offers if o.status == "presented"} >= set(
            evidence.offer["products"]
        )


def test_edit_records_the_diff_and_the_final_text(turn_settings: Settings) -> None:
    result = run_turn(turn_settings, SEED_ADVISOR, "S000002", "Draft an email", now=NOW, llm=None)
    assert result.draft is not None and result.approval_id is not None
    edited = result.draft.text.replace("Ystävällisin terveisin", "Parhain terveisin")

    decide_through(turn_settings, result.approval_id, "edit", "co-2", "friendlier", edited, now=NOW)

    with session_scope(turn_settings) as session:
        final = session.scalars(
            select(DraftRecord).where(
                DraftRecord.approval_id == result.approval_id, DraftRecord.final.is_(True)
            )
        ).one()
        assert final.final_text == edited
        assert final.edit_diff is not None and "+Parhain terveisin" in final.edit_diff
        assert final.prompt_id.startswith("offline_email")


def test_rejection_records_no_offer(turn_settings: Settings) -> None:
    result = run_turn(turn_settings, SEED_ADVISOR, "S000002", "Draft an email", now=NOW, llm=None)
    assert result.approval_id is not None

    resume_turn(turn_settings, result.approval_id, "reject", "co-3", "not now", now=NOW)

    with session_scope(turn_settings) as session:
        record = session.get(ApprovalRecord, result.approval_id)
        assert record is not None and record.status == "rejected"
        assert not list(session.scalars(select(Offer).where(Offer.presented_at == NOW)))


def test_a_decision_is_final(turn_settings: Settings) -> None:
    result = run_turn(turn_settings, SEED_ADVISOR, "S000002", "Draft an email", now=NOW, llm=None)
    assert result.approval_id is not None
    resume_turn(turn_settings, result.approval_id, "reject", "co-3", "not now", now=NOW)

    with pytest.raises(ApprovalAlreadyDecided):
        resume_turn(turn_settings, result.approval_id, "approve", "co-4", "changed my mind")


def test_unknown_approval_id_is_refused(turn_settings: Settings) -> None:
    with pytest.raises(UnknownApproval):
        resume_turn(turn_settings, "no-such-id", "approve", "co-1", "ok")


def test_escalated_draft_cannot_be_approved_as_is(turn_settings: Settings) -> None:
    llm = ScriptedLLM(plans=[PLAN], drafts=[promising_email, promising_email])
    result = run_turn(turn_settings, SEED_ADVISOR, "S000001", "email about cyber", now=NOW, llm=llm)
    assert result.escalated and result.approval_id is not None

    with pytest.raises(ApprovalBlocked):
        resume_turn(turn_settings, result.approval_id, "approve", "co-1", "looks fine")


def test_evidence_records_the_prompts_and_model(turn_settings: Settings) -> None:
    llm = ScriptedLLM(plans=[PLAN], drafts=[clean_email])
    result = run_turn(turn_settings, SEED_ADVISOR, "S000001", "email about cyber", now=NOW, llm=llm)
    assert result.passed and result.approval_id is not None

    decide_through(turn_settings, result.approval_id, "approve", "co-1", "good", now=NOW)

    with session_scope(turn_settings) as session:
        evidence = session.get(EvidenceRecord, result.approval_id)
        assert evidence is not None
        versions = evidence.model_versions
        assert versions["plan_prompt"]["id"] == "plan"
        assert versions["draft_prompt"]["id"] == "draft_email"
        assert versions["draft_model"] == "fake-model"
        assert evidence.citations and evidence.checked_rules


def test_escalated_draft_is_recorded_after_a_passing_edit(turn_settings: Settings) -> None:
    llm = ScriptedLLM(plans=[PLAN], drafts=[promising_email, promising_email])
    result = run_turn(turn_settings, SEED_ADVISOR, "S000001", "email about cyber", now=NOW, llm=llm)
    assert result.escalated and result.draft is not None and result.approval_id is not None
    fixed = result.draft.text.replace(PROMISE, "")

    decide_through(turn_settings, result.approval_id, "edit", "co-1", "removed the promise", fixed)

    with session_scope(turn_settings) as session:
        record = session.get(ApprovalRecord, result.approval_id)
        assert record is not None and record.status == "edited"
