"""The team page: conversion by model version as an accessible chart and a table, and alerts."""

from __future__ import annotations

from datetime import datetime, timedelta

from fastapi.testclient import TestClient

from api.team_chart import conversion_bars
from tests.api.conftest import SEED_ADVISOR, Tokens
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings
from tools.learning.conversion import ConversionRow
from tools.learning.offers import OfferCreate, record_offer
from tools.learning.outcomes import OutcomeCreate, record_outcome

PRESENTED = datetime(2026, 11, 22, 10, 0)


def _offers(settings: Settings, version: str, n: int, won: int) -> None:
    with session_scope(settings) as session:
        for i in range(n):
            offer = record_offer(
                session,
                OfferCreate(
                    customer_id=f"C{i:07d}",
                    advisor_id=SEED_ADVISOR,
                    product_code="CYBER",
                    channel="email",
                    trigger_type="gap",
                    presented_at=PRESENTED,
                    model_version=version,
                    rule_pack_id="nordic-se",
                    rule_pack_version="2026.12.1",
                    arm="champion",
                ),
            )
            outcome = "accepted" if i < won else "declined"
            at = PRESENTED + timedelta(days=2)
            created = OutcomeCreate(offer_id=offer.id, outcome=outcome, occurred_at=at)
            record_outcome(session, created, source="api", recorded_by="ops", now=at)


def test_the_team_page_charts_conversion_by_model_version(
    client: TestClient, tokens: Tokens, api_settings: Settings
) -> None:
    _offers(api_settings, "propensity-v1", 10, 2)
    _offers(api_settings, "propensity-v2", 10, 4)

    page = client.get("/team", headers=tokens.header("admin"))

    assert page.status_code == 200, page.text
    html = page.text
    assert 'role="img" aria-labelledby="chart-title chart-desc"' in html
    assert "propensity-v1: 20.0% (2 of 10 offers)" in html
    assert "propensity-v2: 40.0% (4 of 10 offers)" in html
    assert '<th scope="row">propensity-v2</th>' in html


def test_the_team_page_asks_a_browser_to_sign_in(client: TestClient) -> None:
    answer = client.get("/team", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")


def test_the_best_rate_gets_the_longest_bar() -> None:
    rows = [
        ConversionRow(
            group={"model_version": v}, offers=10, quotes=0, conversions=c, conversion=c / 10
        )
        for v, c in (("v1", 2), ("v2", 4))
    ]
    bars, height = conversion_bars(rows)
    assert [b.label for b in bars] == ["v1", "v2"]
    assert bars[1].width == 2 * bars[0].width and height > 0
