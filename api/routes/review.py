"""The compliance review queue: filter it, export it, decide one item (the checker)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from api.audit_trail import audit
from api.deps import Compliance, ServiceDep, SettingsDep, role
from api.metrics import DECISIONS
from api.schemas import ReviewDecisionCreate, ReviewItemPublic
from copilot.review.models import ReviewItem
from copilot.review.reason_codes import REVIEW_REASON_CODES_VERSION
from copilot.review.store import QUEUE_STATUSES, ReviewFilter, queue
from copilot.turn_result import ApprovalResult
from copilot.users import Actor
from tools.foundation.clock import utc_now
from tools.foundation.db import session_scope
from tools.foundation.errors import CopilotError
from tools.foundation.settings import Settings

router = APIRouter(prefix="/api/review-queue", tags=["review"])
QueueReader = Annotated[Actor, Depends(role("compliance", "admin"))]
Status = Literal["waiting", "approved", "rejected", "changes_requested"]
assert set(QUEUE_STATUSES) == set(Status.__args__)  # type: ignore[attr-defined]


def _filters(
    status: Annotated[Status | None, Query(description="Queue status.")] = None,
    country: Annotated[str | None, Query(max_length=2, description="Country code.")] = None,
    product: Annotated[str | None, Query(max_length=32, description="Product code.")] = None,
    rule: Annotated[str | None, Query(max_length=64, description="A failed rule id.")] = None,
    advisor: Annotated[str | None, Query(max_length=16, description="Advisor id.")] = None,
    older_than_hours: Annotated[
        float | None, Query(ge=0, le=100_000, description="Queued at least this long ago.")
    ] = None,
) -> ReviewFilter:
    return ReviewFilter(
        status=status,
        country=country,
        product=product,
        rule=rule,
        advisor=advisor,
        older_than_hours=older_than_hours,
    )


FilterDep = Annotated[ReviewFilter, Depends(_filters)]


def public(item: ReviewItem, settings: Settings) -> ReviewItemPublic:
    """Return a queue item with its age against the review-time target."""
    age = (utc_now() - item.queued_at).total_seconds() / 3600
    return ReviewItemPublic(
        approval_id=item.approval_id,
        status=item.status,
        queued_because=list(item.queued_because or []),
        advisor_id=item.advisor_id,
        customer_id=item.customer_id,
        country=item.country,
        channel=item.channel,
        products=list(item.products or []),
        failed_rules=list(item.failed_rules or []),
        queued_at=item.queued_at,
        age_hours=round(age, 2),
        target_hours=settings.review_target_hours,
        overdue=item.status == "waiting" and age > settings.review_target_hours,
        decided_at=item.decided_at,
        checker_id=item.checker_id,
        reason_code=item.reason_code,
    )


def review_items(settings: Settings, filters: ReviewFilter) -> list[ReviewItemPublic]:
    """Return the queue items that match the filters, oldest first."""
    with session_scope(settings) as session:
        return [public(item, settings) for item in queue(session, filters, utc_now())]


@router.get("")
def list_queue(
    actor: QueueReader, settings: SettingsDep, filters: FilterDep
) -> list[ReviewItemPublic]:
    """Return the review queue, filtered (status, country, product, rule, advisor, age)."""
    items = review_items(settings, filters)
    audit(
        settings, actor, "review.list", "queue", "*", detail=filters.model_dump(exclude_none=True)
    )
    return items


def _csv(items: list[ReviewItemPublic]) -> Iterator[str]:
    fields = list(ReviewItemPublic.model_fields)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields)
    writer.writeheader()
    for item in items:
        row = item.model_dump(mode="json")
        writer.writerow({k: ";".join(v) if isinstance(v, list) else v for k, v in row.items()})
    yield buffer.getvalue()


def _jsonl(items: list[ReviewItemPublic]) -> Iterator[str]:
    for item in items:
        yield json.dumps(item.model_dump(mode="json"), ensure_ascii=False) + "\n"


@router.get("/export", response_class=StreamingResponse)
def export_queue(
    actor: QueueReader,
    settings: SettingsDep,
    filters: FilterDep,
    format: Annotated[Literal["csv", "jsonl"], Query(description="csv or jsonl.")] = "csv",
) -> StreamingResponse:
    """Export the filtered queue as CSV or JSON lines (for the audit file)."""
    items = review_items(settings, filters)
    audit(
        settings,
        actor,
        "review.export",
        "queue",
        "*",
        format,
        filters.model_dump(exclude_none=True),
    )
    media = "text/csv" if format == "csv" else "application/x-ndjson"
    body = _csv(items) if format == "csv" else _jsonl(items)
    headers = {"Content-Disposition": f'attachment; filename="review-queue.{format}"'}
    return StreamingResponse(body, media_type=media, headers=headers)


@router.post("/{approval_id}/decision")
def decide_review(
    approval_id: str,
    decision: ReviewDecisionCreate,
    actor: Compliance,
    settings: SettingsDep,
    service: ServiceDep,
) -> ApprovalResult:
    """Record compliance's decision; the maker can never check their own draft (audited)."""
    detail = {
        "decision": decision.decision,
        "reason_code": decision.reason_code,
        "reason_codes_version": REVIEW_REASON_CODES_VERSION,
        "edited": bool(decision.text),
    }
    try:
        result = service.review(
            approval_id,
            decision.decision,
            actor.user_id,
            decision.reason_code,
            decision.comment,
            decision.text,
        )
    except CopilotError as error:
        refused = {**detail, "refused": error.category, "why": str(error)}
        audit(settings, actor, "review.refused", "turn", approval_id, decision.comment, refused)
        raise
    DECISIONS.labels("compliance", decision.decision).inc()
    detail["status"] = result.status
    audit(settings, actor, "review.decide", "turn", approval_id, decision.comment, detail)
    return result
