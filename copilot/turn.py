"""One copilot turn for the CLI and the HTTP API: run it, stream it, resume it after approval.

``run_turn`` resolves the advisor and customer from the authenticated request (the customer
must be in the advisor's book), runs the graph to the approval interrupt, stores a pending
approval and returns the JSON contract (``TurnResult``). ``resume_turn`` finds the pending
approval in any process, checks the decision against the gate and resumes the graph.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from datetime import datetime, time
from typing import Any, cast

from langchain_core.runnables import RunnableConfig
from langgraph.types import Command

from copilot.checkpoints import open_checkpointer
from copilot.context import LanguageModel, RunContext
from copilot.graph import compile_graph
from copilot.llm import build_llm
from copilot.nodes.check_compliance import check_final_text
from copilot.records.store import (
    ApprovalBlocked,
    UnknownApproval,
    create_pending,
    pending_approval,
)
from copilot.state import ApprovalDecision, Decision, TurnState
from copilot.turn_result import ApprovalResult, TurnResult, turn_result
from tools.book.repository import book_as_of, resolve_advisor, resolve_customer
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings

logger = logging.getLogger(__name__)

CONFIGURED = "configured"
"""Default of ``llm``: use the model the settings configure (or none: offline)."""

TurnEvent = dict[str, Any]
"""A streamed event: ``{"event": "node", "node": ...}``, ``draft_token`` or ``result``."""


def _thread(approval_id: str) -> RunnableConfig:
    """Return the graph config of a turn: its thread is its approval id."""
    return {"configurable": {"thread_id": approval_id}}


def _context(
    settings: Settings,
    advisor_ref: str,
    customer_ref: str,
    now: datetime | None,
    llm: LanguageModel | str | None,
) -> RunContext:
    """Resolve identity from the request (customer within the advisor's book) and the clock.

    Raises:
        UnknownAdvisor, UnknownCustomer, AmbiguousName: bad identity in the request.
    """
    with session_scope(settings) as session:
        advisor = resolve_advisor(session, advisor_ref)
        customer = resolve_customer(session, customer_ref, advisor_id=advisor.id)
        clock = now or datetime.combine(book_as_of(session), time(9, 0))
    model = build_llm(settings) if llm == CONFIGURED else llm
    return RunContext(
        advisor_id=advisor.id,
        customer_id=customer.id,
        now=clock,
        request_id=uuid.uuid4().hex,
        settings=settings,
        llm=model,  # type: ignore[arg-type]
    )


def stream_turn(
    settings: Settings,
    advisor_ref: str,
    customer_ref: str,
    message: str,
    *,
    now: datetime | None = None,
    llm: LanguageModel | str | None = CONFIGURED,
) -> Iterator[TurnEvent]:
    """Run one turn, yielding node progress and draft tokens, then the result.

    Yields:
        ``{"event": "node", "node": name}`` per finished node, ``{"event": "draft_token",
        "text": ...}`` per draft chunk, ``{"event": "draft_reset"}`` when a streamed LLM
        draft is abandoned, and finally ``{"event": "result", "result": TurnResult}``.
    """
    context = _context(settings, advisor_ref, customer_ref, now, llm)
    config = _thread(context.request_id)
    with open_checkpointer(settings) as saver:
        graph = compile_graph(saver)
        stream = graph.stream(
            TurnState(message=message), config, context=context, stream_mode=["updates", "custom"]
        )
        for mode, chunk in stream:
            if mode == "custom":
                yield cast(TurnEvent, chunk)
            else:
                yield from ({"event": "node", "node": node} for node in chunk if node[0] != "_")
        snapshot = graph.get_state(config)
    values = cast(TurnState, snapshot.values)
    waiting = "await_approval" in snapshot.next
    if waiting:
        with session_scope(settings) as session:
            create_pending(session, context.request_id, values, context.now)
    model = getattr(context.llm, "model", None)
    yield {"event": "result", "result": turn_result(values, waiting=waiting, model=model)}


def run_turn(
    settings: Settings,
    advisor_ref: str,
    customer_ref: str,
    message: str,
    *,
    now: datetime | None = None,
    llm: LanguageModel | str | None = CONFIGURED,
) -> TurnResult:
    """Run one turn to its approval interrupt and return the JSON contract.

    Args:
        settings: Product settings.
        advisor_ref: Authenticated advisor, by id or exact name.
        customer_ref: Customer in that advisor's book, by id or exact name.
        message: The advisor's message.
        now: The turn's clock; default the book's as-of day at 09:00.
        llm: A language model, None for offline, or ``"configured"`` for the settings'.

    Raises:
        UnknownAdvisor, UnknownCustomer, AmbiguousName: bad identity in the request.
    """
    for event in stream_turn(settings, advisor_ref, customer_ref, message, now=now, llm=llm):
        if event["event"] == "result":
            result: TurnResult = event["result"]
            return result
    raise RuntimeError("the turn ended without a result")  # the stream always ends with one


def _check_decision(
    values: TurnState,
    approval_id: str,
    decision: Decision,
    edited_text: str | None,
    insurer: str,
) -> None:
    """Refuse to let a text through that fails the gate (approve as is, or an edit)."""
    if decision == "reject":
        return
    if decision == "edit":
        if not edited_text or not edited_text.strip():
            raise ApprovalBlocked(approval_id, ["edit.empty_text"])
        report = check_final_text(values, insurer, edited_text)
    else:
        report = values["compliance"]
    blocking = sorted({f.rule for f in report.findings if f.severity == "block"})
    if blocking:
        raise ApprovalBlocked(approval_id, blocking)


def _decision(
    decision: Decision, reviewer: str, reason: str, edited_text: str | None, now: datetime | None
) -> ApprovalDecision:
    return ApprovalDecision(
        decision=decision,
        reviewer=reviewer,
        reason=reason,
        edited_text=edited_text if decision == "edit" else None,
        decided_at=now or datetime.now().replace(microsecond=0),
    )


def _pending_identity(settings: Settings, approval_id: str) -> tuple[str, str]:
    """Return the advisor and customer of a pending approval, recovering an orphaned one.

    A turn's checkpoint is written before its pending-approval row; a process that died in
    between leaves a checkpoint waiting for approval and no row. The row is then rebuilt from
    the checkpoint (identity as the run context stored it), so no draft is lost.
    """
    with session_scope(settings) as session:
        try:
            record = pending_approval(session, approval_id)
            return record.advisor_id, record.customer_id
        except UnknownApproval:
            values = _waiting_checkpoint(settings, approval_id)
            if values is None:
                raise
            logger.warning("approval %s: pending row rebuilt from its checkpoint", approval_id)
            record = create_pending(session, approval_id, values, values["now"])
            return record.advisor_id, record.customer_id


def _waiting_checkpoint(settings: Settings, approval_id: str) -> TurnState | None:
    with open_checkpointer(settings) as saver:
        snapshot = compile_graph(saver).get_state(_thread(approval_id))
    if "await_approval" not in snapshot.next:
        return None
    return cast(TurnState, snapshot.values)


def resume_turn(
    settings: Settings,
    approval_id: str,
    decision: Decision,
    reviewer: str,
    reason: str,
    edited_text: str | None = None,
    *,
    now: datetime | None = None,
) -> ApprovalResult:
    """Resume a turn waiting for approval (from any process) and record the outcome.

    The identity of the resumed run is the one stored with the pending approval, never the
    caller's: the reviewer decides, the turn stays about the same advisor and customer.

    Raises:
        UnknownApproval: no pending turn has this id.
        ApprovalAlreadyDecided: it was decided before.
        ApprovalBlocked: approving (or the edit) would let a failing text through.
    """
    advisor_id, customer_id = _pending_identity(settings, approval_id)
    answer = _decision(decision, reviewer, reason, edited_text, now)
    context = RunContext(
        advisor_id=advisor_id,
        customer_id=customer_id,
        now=answer.decided_at,
        request_id=approval_id,
        settings=settings,
        llm=None,
    )
    with open_checkpointer(settings) as saver:
        graph = compile_graph(saver)
        config = _thread(approval_id)
        values = cast(TurnState, graph.get_state(config).values)
        _check_decision(values, approval_id, decision, edited_text, settings.insurer_name)
        resume: Command[Any] = Command(resume=answer.model_dump(mode="json"))
        final = graph.invoke(resume, config, context=context)
    return ApprovalResult(
        approval_id=approval_id,
        decision=decision,
        reviewer=reviewer,
        reason=reason,
        decided_at=answer.decided_at,
        record_id=final.get("record_id"),
    )
