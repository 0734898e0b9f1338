"""Offers, outcomes and the conversion report over HTTP: roles, own book, idempotent."""

from __future__ import annotations

from datetime import datetime

from fastapi.testclient import TestClient

from tests.api.conftest import SEED_ADVISOR, SEED_CUSTOMER, Tokens
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings
from tools.learning.offers import OfferCreate, record_offer

PRESENTED = datetime(2026, 11, 22, 10, 0)


def _offer(settings: Settings) -> int:
    with session_scope(settings) as session:
        created = OfferCreate(
            customer_id=SEED_CUSTOMER,
            advisor_id=SEED_ADVISOR,
            product_code="CYBER",
            channel="email",
            trigger_type="growth",
            presented_at=PRESENTED,
            model_version="propensity-v1",
            rule_pack_id="nordic-se",
            rule_pack_version="2026.12.1",
            arm="champion",
        )
        return record_offer(session, created).id


def _outcome(offer_id: int, outcome: str = "accepted") -> dict[str, object]:
    return {"offer_id": offer_id, "outcome": outcome, "occurred_at": "2026-11-25T09:00:00"}


def test_operations_records_an_outcome_once(
    client: TestClient, tokens: Tokens, api_settings: Settings
) -> None:
    offer_id = _offer(api_settings)
    headers = tokens.header("operations")

    first = client.post("/api/outcomes", json=_outcome(offer_id), headers=headers)
    again = client.post("/api/outcomes", json=_outcome(offer_id), headers=headers)

    assert (first.status_code, again.status_code) == (201, 200), first.text
    assert first.json()["id"] == again.json()["id"]
    listed = client.get("/api/offers", headers=tokens.header("advisor")).json()
    assert [(o["id"], o["outcome"]) for o in listed] == [(offer_id, "accepted")]


def test_another_advisor_neither_sees_nor_records_the_offer(
    client: TestClient, tokens: Tokens, api_settings: Settings
) -> None:
    offer_id = _offer(api_settings)
    headers = tokens.header("other_advisor")

    assert client.get("/api/offers", headers=headers).json() == []
    answer = client.post("/api/outcomes", json=_outcome(offer_id), headers=headers)
    assert answer.status_code == 404
    refused = client.post(
        "/api/outcomes", json=_outcome(offer_id), headers=tokens.header("compliance")
    )
    assert refused.status_code == 403


def test_a_bad_outcome_is_refused(
    client: TestClient, tokens: Tokens, api_settings: Settings
) -> None:
    offer_id = _offer(api_settings)
    headers = tokens.header("advisor")
    bought = client.post("/api/outcomes", json=_outcome(offer_id, "bought"), headers=headers)
    early = {**_outcome(offer_id), "occurred_at": "2026-11-01T09:00:00"}
    assert bought.status_code == 422
    assert client.post("/api/outcomes", json=early, headers=headers).status_code == 422


def test_the_conversion_report_groups_by_the_dimensions_asked(
    client: TestClient, tokens: Tokens, api_settings: Settings
) -> None:
    offer_id = _offer(api_settings)
    client.post("/api/outcomes", json=_outcome(offer_id), headers=tokens.header("operations"))

    report = client.get("/api/reports/conversion?by=product,arm", headers=tokens.header("admin"))
    unknown = client.get("/api/reports/conversion?by=colour", headers=tokens.header("admin"))

    assert report.status_code == 200, report.text
    assert report.json()["rows"][0]["group"] == {"product": "CYBER", "arm": "champion"}
    assert report.json()["total"]["conversions"] == 1
    assert unknown.status_code == 422


def test_alerts_are_listed_for_signed_in_users(client: TestClient, tokens: Tokens) -> None:
    assert client.get("/api/alerts", headers=tokens.header("compliance")).json() == []
    assert client.get("/api/alerts").status_code == 401
