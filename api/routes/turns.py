"""Copilot turns: start one (JSON or a server-sent event stream), read its evidence, decide it."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

from fastapi import APIRouter, Request
from fastapi.sse import EventSourceResponse, format_sse_event

from api.audit_trail import audit
from api.deps import Advisor, Reader, ServiceDep, SettingsDep
from api.errors import TooLarge
from api.metrics import DECISIONS, TURNS
from api.schemas import MAX_MESSAGE_CHARS, DecisionCreate, TurnCreate
from copilot.access import customer_for, turn_for
from copilot.events import ResultEvent, TurnEvent
from copilot.evidence import TurnEvidence
from copilot.service import TurnRequest, TurnService
from copilot.turn_result import ApprovalResult, TurnResult
from copilot.users import Actor
from tools.book.repository import contact_of
from tools.foundation.db import session_scope
from tools.foundation.errors import CopilotError
from tools.foundation.settings import Settings

logger = logging.getLogger(__name__)
router = APIRouter(tags=["turns"])


def _sse(events: Iterator[TurnEvent], on_result: object) -> Iterator[bytes]:
    """Encode the turn's events as server-sent events with ids; an error ends the stream."""
    number = 0
    try:
        for number, event in enumerate(events, start=1):
            if isinstance(event, ResultEvent) and callable(on_result):
                on_result(event.result)
            yield format_sse_event(
                data_str=event.model_dump_json(), event=event.event, id=str(number)
            )
    except CopilotError as error:
        body = json.dumps({"event": "error", "error": error.category, "message": str(error)})
        yield format_sse_event(data_str=body, event="error", id=str(number + 1))
    except Exception:
        logger.exception("turn stream failed")
        body = json.dumps({"event": "error", "error": "internal", "message": "The turn failed."})
        yield format_sse_event(data_str=body, event="error", id=str(number + 1))


def _request(actor: Actor, customer_id: str, turn: TurnCreate) -> TurnRequest:
    if len(turn.message) > MAX_MESSAGE_CHARS:
        raise TooLarge(
            f"The message has {len(turn.message):,} characters; at most "
            f"{MAX_MESSAGE_CHARS:,} are accepted."
        )
    assert actor.advisor_id is not None  # the Advisor dependency admits advisors only
    return TurnRequest(
        advisor_id=actor.advisor_id,
        customer_id=customer_id,
        message=turn.message,
        channel=turn.channel,
        contact_id=turn.contact_id,
    )


@router.post(
    "/api/customers/{customer_id}/turns",
    response_model=TurnResult,
    responses={200: {"content": {"text/event-stream": {}}}},
)
def start_turn(
    customer_id: str,
    turn: TurnCreate,
    request: Request,
    actor: Advisor,
    settings: SettingsDep,
    service: ServiceDep,
) -> TurnResult | EventSourceResponse:
    """Run one turn; JSON ``TurnResult``, or events when ``Accept: text/event-stream``.

    The message goes to ``contact_id`` when given (one of the customer's contact persons,
    else 404 before anything runs), else to the customer's primary contact.
    """
    with session_scope(settings) as session:
        customer_for(session, actor, customer_id)
        if turn.contact_id is not None:
            contact_of(session, customer_id, turn.contact_id)
    wanted = _request(actor, customer_id, turn)

    def finished(result: TurnResult) -> None:
        TURNS.labels("escalated" if result.escalated else "drafted").inc()
        audit(settings, actor, "turn.start", "turn", result.request_id, detail=_turn_detail(result))

    if "text/event-stream" in request.headers.get("accept", ""):
        return EventSourceResponse(_sse(service.stream(wanted), finished))
    result = service.start(wanted)
    finished(result)
    return result


def _turn_detail(result: TurnResult) -> dict[str, object]:
    return {
        "customer_id": result.customer_id,
        "contact_id": result.recipient.id if result.recipient is not None else None,
        "passed": result.passed,
        "tools": result.tools_called,
    }


@router.get("/api/turns/{approval_id}")
def get_turn(
    approval_id: str, actor: Reader, settings: SettingsDep, service: ServiceDep
) -> TurnEvidence:
    """Return a turn's draft with its full evidence (facts, passages, rules, versions)."""
    with session_scope(settings) as session:
        record = turn_for(session, actor, approval_id)
    found = service.evidence(record.id)
    audit(settings, actor, "turn.view", "turn", approval_id)
    return found


@router.post("/api/turns/{approval_id}/decision")
def decide_turn(
    approval_id: str,
    decision: DecisionCreate,
    actor: Advisor,
    settings: SettingsDep,
    service: ServiceDep,
) -> ApprovalResult:
    """Record the advisor's decision on their draft; a second decision answers 409."""
    return record_decision(settings, service, actor, approval_id, decision)


def record_decision(
    settings: Settings,
    service: TurnService,
    actor: Actor,
    approval_id: str,
    decision: DecisionCreate,
) -> ApprovalResult:
    """Decide an advisor's own draft (scoped to their book), count and audit it.

    Raises:
        NotFound: the draft is not in the advisor's book.
        Conflict: the draft was decided already.
    """
    with session_scope(settings) as session:
        turn_for(session, actor, approval_id)
    result = _decide(service, approval_id, decision, actor)
    DECISIONS.labels("advisor", decision.decision).inc()
    audit(
        settings,
        actor,
        "turn.decide",
        "turn",
        approval_id,
        decision.reason,
        {"decision": decision.decision, "status": result.status, "edited": bool(decision.text)},
    )
    return result


def _decide(
    service: TurnService, approval_id: str, decision: DecisionCreate, actor: Actor
) -> ApprovalResult:
    return service.decide(
        approval_id,
        decision.decision,
        actor.user_id,
        decision.reason,
        decision.text,
        role=actor.role,
        advisor_id=actor.advisor_id,
    )
