"""The caller's customers: search, the panel view, recommendations, the turns about one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import or_, select

from api.audit_trail import audit
from api.deps import Reader, ServiceDep, SettingsDep
from api.schemas import CustomerSummaryPublic
from copilot.access import customer_for, scope_customers
from copilot.customer_view import (
    CustomerPublic,
    RecommendationsPublic,
    customer_view,
    load_view_inputs,
    recommendations_view,
)
from copilot.evidence import TurnSummary
from copilot.turn_inputs import TurnInputs
from copilot.users import Actor
from tools.book.clock import resolve_now
from tools.book.models import Customer
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings

router = APIRouter(prefix="/api/customers", tags=["customers"])


@router.get("")
def list_customers(
    actor: Reader,
    settings: SettingsDep,
    query: Annotated[str, Query(max_length=120, description="Part of a name or id.")] = "",
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[CustomerSummaryPublic]:
    """Return customers of the caller's book whose name or id contains the query."""
    with session_scope(settings) as session:
        select_ = scope_customers(select(Customer), actor)
        if query.strip():
            pattern = f"%{query.strip()}%"
            select_ = select_.where(or_(Customer.name.ilike(pattern), Customer.id.ilike(pattern)))
        rows = session.scalars(select_.order_by(Customer.name, Customer.id).limit(limit))
        found = [
            CustomerSummaryPublic(
                id=c.id,
                name=c.name,
                country=c.country,
                industry=c.industry_label,
                employees=c.employees,
                advisor_id=c.advisor_id,
            )
            for c in rows
        ]
    audit(settings, actor, "customer.search", "book", actor.advisor_id or "*", query[:120])
    return found


def view_inputs(settings: Settings, actor: Actor, customer_id: str) -> TurnInputs:
    """Load a customer's view inputs (the caller's book only: another's is not found)."""
    with session_scope(settings) as session:
        customer = customer_for(session, actor, customer_id)
        now = resolve_now(session, None)
    return load_view_inputs(settings, customer.id, now)


@router.get("/{customer_id}")
def get_customer(customer_id: str, actor: Reader, settings: SettingsDep) -> CustomerPublic:
    """Return a customer's profile, coverage by risk area, gaps and contactability."""
    view = customer_view(view_inputs(settings, actor, customer_id))
    audit(settings, actor, "customer.view", "customer", customer_id)
    return view


@router.get("/{customer_id}/recommendations")
def get_recommendations(
    customer_id: str, actor: Reader, settings: SettingsDep
) -> RecommendationsPublic:
    """Return the ranked recommendations, the next best action and the why-not list."""
    view = recommendations_view(view_inputs(settings, actor, customer_id))
    audit(settings, actor, "customer.recommendations", "customer", customer_id)
    return view


@router.get("/{customer_id}/turns")
def list_turns(
    customer_id: str, actor: Reader, settings: SettingsDep, service: ServiceDep
) -> list[TurnSummary]:
    """Return the turns about a customer, newest first (a pending draft survives a reload)."""
    with session_scope(settings) as session:
        customer = customer_for(session, actor, customer_id)
    turns = service.turns_of(customer.id)
    audit(settings, actor, "turn.list", "customer", customer_id)
    return turns
