"""The compliance review queue page: filters, each item's age against the target, exports.

Server-rendered (Jinja2, autoescaped) with HTMX for the decision. The queue and the decision
call the JSON API's own functions (``api/routes/review.py``), so roles, filters, the
maker-checker rule and the audit have one home; this module only reads what the page shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from api.deps import SettingsDep
from api.pages import TEMPLATES, render
from api.routes.review import QueueReader, list_queue
from copilot.access import scope_customers
from copilot.compliance.rulepacks import COUNTRIES, load_rule_pack
from copilot.review.store import QUEUE_STATUSES, ReviewFilter
from copilot.users import Actor
from tools.book.models import Advisor, Customer
from tools.catalogue.loader import load_catalogue
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings

router = APIRouter(tags=["pages"], include_in_schema=False)

STATUS_PATTERN = f"^({'|'.join(QUEUE_STATUSES)})?$"
"""A queue status, or blank for any."""
HOURS_PATTERN = r"^(\d{1,5}(\.\d{1,2})?)?$"
"""Hours as the age filter takes them (blank: any age)."""
EXPORTS = ("csv", "jsonl")
"""Formats the queue's decisions export in (the API's export endpoint)."""


@dataclass(frozen=True)
class QueueQuery:
    """The queue page's filter form as submitted (blank means any)."""

    status: str | None
    """Queue status; None when the form was not sent (the page then shows waiting items)."""
    country: str
    """Country code."""
    product: str
    """Product code."""
    rule: str
    """A rule with a finding on the draft."""
    advisor: str
    """Advisor id."""
    older_than_hours: str
    """Queued at least this many hours ago."""
    overdue: bool
    """Only waiting items older than the review-time target."""

    def review_filter(self, target_hours: float) -> ReviewFilter:
        """Return the API's filter; overdue means waiting and at least the target's age."""
        status = "waiting" if self.status is None else self.status or None
        older = float(self.older_than_hours) if self.older_than_hours else None
        if self.overdue:
            status, older = "waiting", max(older or 0.0, target_hours)
        return ReviewFilter(
            status=status,
            country=self.country.upper() or None,
            product=self.product.upper() or None,
            rule=self.rule or None,
            advisor=self.advisor or None,
            older_than_hours=older,
        )


def queue_query(
    status: Annotated[str | None, Query(pattern=STATUS_PATTERN)] = None,
    country: Annotated[str, Query(max_length=2)] = "",
    product: Annotated[str, Query(max_length=32)] = "",
    rule: Annotated[str, Query(max_length=64)] = "",
    advisor: Annotated[str, Query(max_length=16)] = "",
    older_than_hours: Annotated[str, Query(pattern=HOURS_PATTERN)] = "",
    overdue: Annotated[bool, Query()] = False,
) -> QueueQuery:
    """Return the filter form's values (a GET form sends blank fields, which mean any)."""
    return QueueQuery(status, country, product, rule, advisor, older_than_hours, overdue)


def hours(value: float) -> str:
    """Format hours as the queue shows them: ``0.4 h`` under ten hours, else ``30 h``."""
    return f"{value:.1f} h" if value < 10 else f"{value:.0f} h"


TEMPLATES.env.filters["hours"] = hours


def _choices(settings: Settings) -> dict[str, Any]:
    """Return the filter form's options: countries, products, rules and advisors."""
    rules = sorted({rule for country in COUNTRIES for rule in load_rule_pack(country).rules})
    with session_scope(settings) as session:
        advisors = list(session.execute(select(Advisor.id, Advisor.name).order_by(Advisor.id)))
    return {
        "statuses": QUEUE_STATUSES,
        "countries": COUNTRIES,
        "products": sorted(load_catalogue().products.items()),
        "rules": rules,
        "advisors": [(row.id, row.name) for row in advisors],
    }


def customer_names(settings: Settings, actor: Actor, ids: set[str]) -> dict[str, str]:
    """Return the names of these customers that the caller may read, by id."""
    query = scope_customers(select(Customer).where(Customer.id.in_(ids)), actor)
    with session_scope(settings) as session:
        return {customer.id: customer.name for customer in session.scalars(query)}


@router.get("/review", response_class=HTMLResponse)
def queue_page(
    request: Request,
    actor: QueueReader,
    settings: SettingsDep,
    query: Annotated[QueueQuery, Depends(queue_query)],
) -> HTMLResponse:
    """The review queue: filters, each item's age against the target, export links."""
    filters = query.review_filter(settings.review_target_hours)
    items = list_queue(actor, settings, filters)
    export = urlencode(filters.model_dump(exclude_none=True))
    context = {
        "section": "review",
        "query": query,
        "filters": filters,
        "items": items,
        "names": customer_names(settings, actor, {item.customer_id for item in items}),
        "target": settings.review_target_hours,
        "export": {fmt: f"/api/review-queue/export?format={fmt}&{export}" for fmt in EXPORTS},
        **_choices(settings),
    }
    return render(request, "review/queue.html", context)
