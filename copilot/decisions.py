"""Decisions on a turn's draft: the advisor's (maker) and compliance's (checker).

Each decision claims the turn in the database first (compare-and-set), so of two racing
decisions exactly one wins; the graph is then resumed from its checkpoint (in any process) and
the turn's waiting status is settled: in the review queue, back with the advisor, or final.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any, cast

from langchain_core.runnables import RunnableConfig
from langgraph.graph.state import CompiledStateGraph
from langgraph.types import Command

from copilot.approvals import check_decision, decision_record
from copilot.context import RunContext
from copilot.records.models import ApprovalRecord
from copilot.records.store import (
    IN_REVIEW,
    PENDING,
    ReviewNotWaiting,
    SelfApproval,
    UnknownApproval,
    claim_pending,
    create_pending,
    pending_approval,
    release_claim,
)
from copilot.review.store import REVIEW_STATUS, enqueue, settle
from copilot.state import ApprovalDecision, Decision, ReviewDecision, ReviewVerdict, TurnState
from copilot.turn_result import ApprovalResult
from tools.foundation.clock import utc_now
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings

logger = logging.getLogger(__name__)


def thread(approval_id: str) -> RunnableConfig:
    """Return the graph config of a turn: its thread is its approval id."""
    return {"configurable": {"thread_id": approval_id}}


class TurnDecisions:
    """The decision half of the turn service (needs ``settings`` and the compiled ``graph``)."""

    settings: Settings
    graph: CompiledStateGraph[Any, Any, Any, Any]

    def decide(
        self,
        approval_id: str,
        decision: Decision,
        reviewer: str,
        reason: str,
        edited_text: str | None = None,
        *,
        now: datetime | None = None,
        role: str = "advisor",
        advisor_id: str | None = None,
    ) -> ApprovalResult:
        """Record the advisor's decision (the maker) and resume the turn, from any process.

        Approving sends the message to the outbox unless compliance must check it first
        (``copilot/review/policy.py``); it then waits in the review queue. The resumed run
        keeps the identity stored with the turn, never the reviewer's.

        Args:
            approval_id: The turn's id.
            decision: approve, edit or reject.
            reviewer: Who decides (the authenticated user's id; the CLI's ``--reviewer``).
            reason: Why.
            edited_text: The edited message (``edit``).
            now: The decision's time (default the wall clock).
            role: The decider's role, as recorded.
            advisor_id: When given, only a turn of this advisor is found.

        Raises:
            UnknownApproval: no turn has this id (or not this advisor's).
            ApprovalAlreadyDecided: it was decided, or another decision is under way.
            ApprovalBlocked: approving (or the edit) would let a failing text through.
        """
        owner, customer_id = self._pending_identity(approval_id)
        if advisor_id is not None and owner != advisor_id:
            raise UnknownApproval(approval_id)
        answer = decision_record(decision, reviewer, reason, edited_text, now or utc_now(), role)
        check = partial(check_decision, decision=decision, edited_text=edited_text)
        final = self._resume_claimed(approval_id, owner, customer_id, answer, PENDING, check)
        return self._result(approval_id, answer, final)

    def review(
        self,
        approval_id: str,
        verdict: ReviewVerdict,
        reviewer: str,
        reason_code: str,
        comment: str = "",
        edited_text: str | None = None,
        *,
        now: datetime | None = None,
    ) -> ApprovalResult:
        """Record compliance's decision (the checker) on a draft waiting in the review queue.

        Approve releases the message (compliance's edit, if any, must pass the gate); reject
        ends the turn; request changes sends the draft back to the advisor.

        Raises:
            UnknownApproval: no turn has this id.
            ReviewNotWaiting: the draft is not waiting for compliance.
            SelfApproval: the reviewer is the advisor who approved the draft.
            ApprovalBlocked: compliance's edit fails the gate.
        """
        with session_scope(self.settings) as session:
            record = session.get(ApprovalRecord, approval_id)
            if record is None:
                raise UnknownApproval(approval_id)
            if record.status != IN_REVIEW:
                raise ReviewNotWaiting(approval_id, record.status)
            owner, customer_id = record.advisor_id, record.customer_id
        values = cast(TurnState, self.graph.get_state(thread(approval_id)).values)
        if values["decision"].reviewer == reviewer:
            raise SelfApproval(approval_id)
        answer = ReviewDecision(
            decision=verdict,
            reviewer=reviewer,
            reason_code=reason_code,
            comment=comment,
            edited_text=edited_text if verdict == "approve" else None,
            decided_at=now or utc_now(),
        )
        text = answer.edited_text
        check = partial(check_decision, decision="edit" if text else "reject", edited_text=text)
        final = self._resume_claimed(approval_id, owner, customer_id, answer, IN_REVIEW, check)
        return self._result(approval_id, answer, final)

    def _resume_claimed(
        self,
        approval_id: str,
        advisor_id: str,
        customer_id: str,
        answer: ApprovalDecision | ReviewDecision,
        expected: str,
        check: Callable[..., None],
    ) -> dict[str, Any]:
        """Claim the turn, check the decision's text, resume the graph and settle the status."""
        with session_scope(self.settings) as session:
            claim_pending(session, approval_id, answer.reviewer, answer.decided_at, expected)
        try:
            config = thread(approval_id)
            values = cast(TurnState, self.graph.get_state(config).values)
            check(values, approval_id, settings=self.settings)
            context = RunContext(
                advisor_id=advisor_id,
                customer_id=customer_id,
                now=answer.decided_at,
                request_id=approval_id,
                settings=self.settings,
                llm=None,
            )
            resume: Command[Any] = Command(resume=answer.model_dump(mode="json"))
            final = cast(dict[str, Any], self.graph.invoke(resume, config, context=context))
        except BaseException:
            with session_scope(self.settings) as session:
                release_claim(session, approval_id, back_to=expected)
            raise
        self._settle(approval_id, answer)
        return final

    def _settle(self, approval_id: str, answer: ApprovalDecision | ReviewDecision) -> None:
        """Set the status the turn now waits in (the final one is set by the graph)."""
        snapshot = self.graph.get_state(thread(approval_id))
        values = cast(TurnState, snapshot.values)
        at = answer.decided_at
        with session_scope(self.settings) as session:
            record = session.get(ApprovalRecord, approval_id)
            assert record is not None  # claimed above
            if "await_review" in snapshot.next:
                record.status = IN_REVIEW
                enqueue(session, values, values.get("review_reasons", []), answer.reviewer, at)
            elif "await_approval" in snapshot.next:
                record.status = PENDING
            if isinstance(answer, ReviewDecision):
                status = REVIEW_STATUS[answer.decision]
                settle(
                    session, approval_id, status, answer.reviewer, answer.reason_code,
                    answer.comment, at,
                )  # fmt: skip

    def _result(
        self, approval_id: str, answer: ApprovalDecision | ReviewDecision, final: dict[str, Any]
    ) -> ApprovalResult:
        with session_scope(self.settings) as session:
            record = session.get(ApprovalRecord, approval_id)
            status = record.status if record is not None else "unknown"
        reason = answer.comment if isinstance(answer, ReviewDecision) else answer.reason
        return ApprovalResult(
            approval_id=approval_id,
            decision=answer.decision,
            reviewer=answer.reviewer,
            reason=reason,
            decided_at=answer.decided_at,
            record_id=final.get("record_id"),
            status=status,
            released=bool(final.get("released")),
        )

    def _pending_identity(self, approval_id: str) -> tuple[str, str]:
        """Return the advisor and customer of a pending turn, recovering an orphaned one.

        A turn's checkpoint is written before its pending-approval row; a process that died
        in between leaves a checkpoint waiting for approval and no row. The row is rebuilt
        from the checkpoint (identity as the run context stored it), so no draft is lost.
        """
        with session_scope(self.settings) as session:
            try:
                record = pending_approval(session, approval_id)
                return record.advisor_id, record.customer_id
            except UnknownApproval:
                snapshot = self.graph.get_state(thread(approval_id))
                if "await_approval" not in snapshot.next:
                    raise
                values = cast(TurnState, snapshot.values)
                logger.warning("approval %s: pending row rebuilt from its checkpoint", approval_id)
                record = create_pending(session, approval_id, values, values["now"])
                return record.advisor_id, record.customer_id
