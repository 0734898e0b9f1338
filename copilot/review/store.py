"""The review queue: drafts waiting for compliance, and what compliance decided."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from copilot.review.models import ReviewItem
from copilot.state import TurnState

QUEUE_STATUSES = ("waiting", "approved", "rejected", "changes_requested")
"""Statuses of a queue item."""
REVIEW_STATUS = {
    "approve": "approved",
    "reject": "rejected",
    "request_changes": "changes_requested",
}
"""Status of a queue item after each compliance verdict."""


class ReviewFilter(BaseModel):
    """What the compliance officer filters the queue by (every field optional)."""

    status: str | None = Field(None, description="waiting, approved, rejected, changes_requested.")
    country: str | None = Field(None, description="Customer country, e.g. SE.")
    product: str | None = Field(None, description="A product the draft presents.")
    rule: str | None = Field(None, description="A rule with a finding on the draft.")
    advisor: str | None = Field(None, description="The advisor who approved it.")
    older_than_hours: float | None = Field(None, description="Queued at least this long ago.")


def enqueue(
    session: Session, state: TurnState, reasons: list[str], maker: str, at: datetime
) -> ReviewItem:
    """Put (or put back) a draft in the queue, waiting for compliance."""
    item = session.get(ReviewItem, state["request_id"])
    if item is None:
        item = ReviewItem(approval_id=state["request_id"])
        session.add(item)
    report = state["compliance"]
    item.status, item.queued_because, item.maker_id, item.queued_at = "waiting", reasons, maker, at
    item.advisor_id, item.customer_id = state["advisor_id"], state["customer_id"]
    item.country, item.channel = state["customer"].country, state["draft"].channel
    item.products = list(state["draft"].products)
    item.failed_rules = sorted({f.rule for f in report.findings})
    item.decided_at = item.checker_id = item.reason_code = item.comment = None
    return item


def settle(
    session: Session,
    approval_id: str,
    status: str,
    checker: str,
    reason_code: str,
    comment: str,
    at: datetime,
) -> None:
    """Record compliance's decision on a queue item."""
    item = session.get(ReviewItem, approval_id)
    if item is None:
        return
    item.status, item.checker_id, item.reason_code = status, checker, reason_code
    item.comment, item.decided_at = comment, at


def queue(session: Session, filters: ReviewFilter, now: datetime) -> list[ReviewItem]:
    """Return the queue items that match the filters, oldest first."""
    query = select(ReviewItem).order_by(ReviewItem.queued_at, ReviewItem.approval_id)
    if filters.status:
        query = query.where(ReviewItem.status == filters.status)
    if filters.country:
        query = query.where(ReviewItem.country == filters.country.upper())
    if filters.advisor:
        query = query.where(ReviewItem.advisor_id == filters.advisor)
    items = list(session.scalars(query))
    if filters.product:
        items = [i for i in items if filters.product.upper() in i.products]
    if filters.rule:
        items = [i for i in items if filters.rule in i.failed_rules]
    if filters.older_than_hours is not None:
        limit = filters.older_than_hours * 3600
        items = [i for i in items if (now - i.queued_at).total_seconds() >= limit]
    return items
