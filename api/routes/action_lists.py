"""The caller's action lists (renewals, incident campaign, growth, Top Defend).

Renewals, incident and growth come from the nightly batch; Top Defend from the churn and
lifetime-value models.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.audit_trail import audit
from api.deps import Advisor, SettingsDep
from api.schemas import ActionListKind, ActionListPublic
from tools.batch.models import ActionItem
from tools.book.clock import resolve_now
from tools.book.models import Customer
from tools.foundation.db import session_scope
from tools.portfolio import PortfolioItem, portfolio_actions

router = APIRouter(tags=["action lists"])
PORTFOLIO_KIND = {
    "renewals": "renewals_due",
    "incident": "incident_without_cover",
    "growth": "growth",
    "top_defend": "top_defend",
}
"""The portfolio list each action-list kind corresponds to."""
BATCH_SELECT = {
    "renewals": ActionItem.kind == "renewal_review",
    "incident": ActionItem.kind == "incident_outreach",
    "growth": ActionItem.trigger == "growth",
}
"""Which rows of the nightly batch make each list (Top Defend is not a batch list)."""


def _batch_items(
    session: Session, advisor_id: str, kind: str, limit: int
) -> tuple[str | None, list[PortfolioItem]]:
    run_date = session.scalar(
        select(ActionItem.run_date)
        .where(ActionItem.advisor_id == advisor_id)
        .order_by(ActionItem.run_date.desc())
        .limit(1)
    )
    if run_date is None:
        return None, []
    rows = session.execute(
        select(ActionItem, Customer)
        .join(Customer, Customer.id == ActionItem.customer_id)
        .where(
            ActionItem.advisor_id == advisor_id,
            ActionItem.run_date == run_date,
            ActionItem.merged_into.is_(None),
            BATCH_SELECT[kind],
        )
        .order_by(ActionItem.priority)
    )
    items: list[PortfolioItem] = []
    seen: set[str] = set()
    for item, customer in rows:
        if item.customer_id in seen:
            continue
        seen.add(item.customer_id)
        items.append(
            PortfolioItem(
                priority=len(items) + 1,
                customer_id=customer.id,
                name=customer.name,
                advisor_id=item.advisor_id,
                industry=customer.industry_code,
                employees=customer.employees,
                turnover_eur=customer.turnover_eur,
                action_id=item.action_id,
                product=item.product,
                reason=item.reason,
                urgency=item.urgency,
                due_by=item.due_by,
                delivery=item.delivery,
                expected_value_eur=item.expected_value_eur,
            )
        )
        if len(items) >= limit:
            break
    return run_date.isoformat(), items


@router.get("/api/action-lists")
def action_list(
    actor: Advisor,
    settings: SettingsDep,
    kind: Annotated[ActionListKind, Query(description="Which list.")],
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> ActionListPublic:
    """Return one of the caller's action lists, most important first.

    Renewals, incident campaign and growth come from the latest nightly batch run; before
    the first run they are decided now, over the caller's book, by the same rules.
    """
    assert actor.advisor_id is not None  # the Advisor dependency admits advisors only
    with session_scope(settings) as session:
        run_date: str | None = None
        items: list[PortfolioItem] = []
        if kind != "top_defend":
            run_date, items = _batch_items(session, actor.advisor_id, kind, limit)
        source = "batch"
        if run_date is None:
            source = "computed"
            computed = portfolio_actions(
                session,
                advisor_id=actor.advisor_id,
                kind=PORTFOLIO_KIND[kind],  # type: ignore[arg-type]
                now=resolve_now(session, None),
                limit=limit,
                models_dir=settings.models_dir,
            )
            items = computed.items
    audit(settings, actor, "action_list.view", "book", actor.advisor_id, kind)
    return ActionListPublic(
        kind=kind, advisor_id=actor.advisor_id, run_date=run_date, source=source, items=items
    )
