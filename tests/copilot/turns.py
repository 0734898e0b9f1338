"""Test shorthands over the turn service (the CLI and API use ``TurnService`` directly)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from copilot.events import TurnEvent
from copilot.service import TurnRequest, TurnService
from copilot.turn_result import ApprovalResult, TurnResult
from tools.foundation.settings import Settings


def run_turn(
    settings: Settings,
    advisor_id: str,
    customer_id: str,
    message: str,
    *,
    now: datetime | None = None,
    llm: Any = None,
    channel: Any = None,
) -> TurnResult:
    """Run one turn through a fresh service (offline unless ``llm`` is given)."""
    request = TurnRequest(
        advisor_id=advisor_id, customer_id=customer_id, message=message, now=now, channel=channel
    )
    return TurnService(settings, llm=llm).start(request)


def stream_turn(
    settings: Settings,
    advisor_id: str,
    customer_id: str,
    message: str,
    *,
    now: datetime | None = None,
    llm: Any = None,
) -> Iterator[TurnEvent]:
    """Stream one turn through a fresh service."""
    request = TurnRequest(advisor_id=advisor_id, customer_id=customer_id, message=message, now=now)
    return TurnService(settings, llm=llm).stream(request)


def resume_turn(
    settings: Settings,
    approval_id: str,
    decision: Any,
    reviewer: str,
    reason: str,
    edited_text: str | None = None,
    *,
    now: datetime | None = None,
) -> ApprovalResult:
    """Decide a pending turn through a fresh service."""
    return TurnService(settings, llm=None).decide(
        approval_id, decision, reviewer, reason, edited_text, now=now
    )


def review_turn(
    settings: Settings,
    approval_id: str,
    verdict: Any,
    reviewer: str = "compliance-1",
    reason_code: str = "compliant",
    comment: str = "",
    edited_text: str | None = None,
    *,
    now: datetime | None = None,
) -> ApprovalResult:
    """Record compliance's decision on a queued draft through a fresh service."""
    return TurnService(settings, llm=None).review(
        approval_id, verdict, reviewer, reason_code, comment, edited_text, now=now
    )


def decide_through(
    settings: Settings,
    approval_id: str,
    decision: Any,
    reviewer: str,
    reason: str,
    edited_text: str | None = None,
    *,
    now: datetime | None = None,
) -> ApprovalResult:
    """Decide as the advisor and, when the draft waits for compliance, approve it as compliance."""
    result = resume_turn(settings, approval_id, decision, reviewer, reason, edited_text, now=now)
    if result.status == "in_review":
        return review_turn(settings, approval_id, "approve", now=now)
    return result
