"""The learning loop: presented offers, their outcomes, and the conversion report."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import AnyUser, SettingsDep
from copilot.offers import offers_for, record_outcome_as
from tools.contact_policy import load_contact_policy
from tools.foundation.clock import utc_now
from tools.foundation.db import session_scope
from tools.learning.alerts import AlertPublic, list_alerts
from tools.learning.conversion import ConversionReport, conversion_report, parse_dimensions
from tools.learning.offers import OfferPublic
from tools.learning.outcomes import OutcomeCreate, OutcomePublic

router = APIRouter(tags=["learning"])


@router.get("/api/offers")
def offers(
    actor: AnyUser,
    settings: SettingsDep,
    customer_id: str | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[OfferPublic]:
    """List presented offers with their latest outcome (an advisor's own book only)."""
    with session_scope(settings) as session:
        return offers_for(session, actor, customer_id=customer_id, limit=limit)


@router.post("/api/outcomes", status_code=201)
def outcome(
    body: OutcomeCreate, actor: AnyUser, settings: SettingsDep, response: Response
) -> OutcomePublic:
    """Record an offer's outcome (advisor: own book; operations: any); a repeat answers 200."""
    with session_scope(settings) as session:
        stored, created = record_outcome_as(session, actor, body, utc_now())
    if not created:
        response.status_code = 200
    return stored


@router.get("/api/reports/conversion")
def conversion(actor: AnyUser, settings: SettingsDep, by: str = "product") -> ConversionReport:
    """Conversion per group, uplift over control with its 95 % interval, and response time."""
    del actor  # any signed-in user; the report holds no customer data
    with session_scope(settings) as session:
        return conversion_report(session, parse_dimensions(by), load_contact_policy().experiment)


@router.get("/api/alerts")
def alerts(
    actor: AnyUser, settings: SettingsDep, limit: Annotated[int, Query(ge=1, le=1000)] = 100
) -> list[AlertPublic]:
    """List the learning loop's alerts, newest first (conversion below priority, drift)."""
    del actor  # any signed-in user; alerts name products and model versions only
    with session_scope(settings) as session:
        return list_alerts(session, limit)
