"""Ratings, business events with the actions they create, action lists, users, metrics."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import SEED_ADVISOR, SEED_CUSTOMER, Tokens


def _rating(**extra: object) -> dict[str, object]:
    return {
        "subject_type": "recommendation",
        "subject_id": f"{SEED_CUSTOMER}:consultation:-:growth",
        "customer_id": SEED_CUSTOMER,
        "score": 4,
        "reason_codes": ["wrong_timing"],
        "comment": "Call after the summer.",
        **extra,
    }


def test_an_advisor_rates_a_recommendation(client: TestClient, tokens: Tokens) -> None:
    answer = client.post("/api/ratings", json=_rating(), headers=tokens.header("advisor"))

    assert answer.status_code == 201, answer.text
    stored = answer.json()
    assert stored["reason_codes"] == ["wrong_timing"] and stored["reason_codes_version"]


def test_bad_ratings_are_refused(client: TestClient, tokens: Tokens) -> None:
    headers = tokens.header("advisor")

    assert client.post("/api/ratings", json=_rating(score=6), headers=headers).status_code == 422
    too_long = _rating(comment="x" * 226)
    assert client.post("/api/ratings", json=too_long, headers=headers).status_code == 422
    unknown = _rating(reason_codes=["cheap"])
    assert client.post("/api/ratings", json=unknown, headers=headers).status_code == 422
    other = client.post("/api/ratings", json=_rating(), headers=tokens.header("other_advisor"))
    assert other.status_code == 404


def test_an_event_answers_with_the_actions_it_creates(client: TestClient, tokens: Tokens) -> None:
    event = {
        "event_type": "quote_request",
        "customer_id": SEED_CUSTOMER,
        "occurred_at": "2026-11-22T08:00:00",
        "payload": {"product": "CYBER"},
    }

    first = client.post("/api/events", json=event, headers=tokens.header("operations"))
    again = client.post("/api/events", json=event, headers=tokens.header("operations"))

    assert first.status_code == 200, first.text
    assert first.json()["new"] is True and again.json()["new"] is False
    assert again.json()["event_id"] == first.json()["event_id"]
    actions = first.json()["actions"]
    assert actions and all(a["customer_id"] == SEED_CUSTOMER for a in actions)
    assert (
        client.post("/api/events", json=event, headers=tokens.header("advisor")).status_code == 403
    )


def test_a_bad_event_is_422(client: TestClient, tokens: Tokens) -> None:
    headers = tokens.header("operations")
    no_customer = {"event_type": "portal_login", "payload": {}}
    bad_number = {
        "event_type": "headcount_change",
        "customer_id": SEED_CUSTOMER,
        "payload": {"from": 8, "to": -1},
    }
    unknown = {"event_type": "portal_login", "customer_id": "S999999", "payload": {}}

    assert client.post("/api/events", json=no_customer, headers=headers).status_code == 422
    assert client.post("/api/events", json=bad_number, headers=headers).status_code == 422
    assert client.post("/api/events", json=unknown, headers=headers).status_code == 404


def test_action_lists_are_the_callers_book(client: TestClient, tokens: Tokens) -> None:
    for kind in ("renewals", "incident", "growth", "top_defend"):
        answer = client.get(f"/api/action-lists?kind={kind}", headers=tokens.header("advisor"))
        assert answer.status_code == 200, answer.text
        assert all(i["advisor_id"] == SEED_ADVISOR for i in answer.json()["items"])
    growth = client.get("/api/action-lists?kind=growth", headers=tokens.header("advisor")).json()
    assert SEED_CUSTOMER in {i["customer_id"] for i in growth["items"]}
    assert (
        client.get("/api/action-lists?kind=nope", headers=tokens.header("advisor")).status_code
        == 422
    )


def test_admin_creates_and_revokes_a_user(client: TestClient, tokens: Tokens) -> None:
    admin = tokens.header("admin")
    created = client.post(
        "/api/users",
        json={"name": "New advisor", "role": "advisor", "advisor_id": "ADV-003"},
        headers=admin,
    ).json()
    as_new = {"Authorization": f"Bearer {created['token']}"}

    assert client.get("/api/me", headers=as_new).json()["advisor_id"] == "ADV-003"
    assert client.post(f"/api/users/{created['id']}/revoke", headers=admin).status_code == 200
    assert client.get("/api/me", headers=as_new).status_code == 401
    bad = client.post("/api/users", json={"name": "X", "role": "advisor"}, headers=admin)
    assert bad.status_code == 422 and "--advisor" in bad.json()["message"]


def test_metrics_are_prometheus_text(client: TestClient, tokens: Tokens) -> None:
    client.get("/api/me", headers=tokens.header("advisor"))

    text = client.get("/metrics").text

    assert 'copilot_http_requests_total{method="GET",route="/api/me",status="200"}' in text
