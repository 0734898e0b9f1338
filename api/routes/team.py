"""The team page: conversion by model version (a chart and its table), uplift, alerts."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import AnyUser, SettingsDep
from api.pages import render
from api.team_chart import BAR_HEIGHT, LABEL_HEIGHT, WIDTH, conversion_bars
from tools.contact_policy import load_contact_policy
from tools.foundation.db import session_scope
from tools.learning.alerts import list_alerts
from tools.learning.conversion import conversion_report

router = APIRouter(tags=["pages"], include_in_schema=False)
SHOWN_ALERTS = 20


@router.get("/team", response_class=HTMLResponse)
def team(request: Request, actor: AnyUser, settings: SettingsDep) -> HTMLResponse:
    """Show how offers convert per model version, the uplift over control and the alerts."""
    del actor  # any signed-in user; the page shows no customer data
    with session_scope(settings) as session:
        report = conversion_report(session, ["model_version"], load_contact_policy().experiment)
        alerts = list_alerts(session, SHOWN_ALERTS)
    bars, height = conversion_bars(report.rows)
    context = {
        "section": "team",
        "report": report,
        "alerts": alerts,
        "bars": bars,
        "chart": {"width": WIDTH, "height": height, "bar": BAR_HEIGHT, "label": LABEL_HEIGHT},
    }
    return render(request, "team.html", context)
