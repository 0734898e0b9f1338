"""Turns over HTTP: JSON and server-sent events, evidence, one decision per draft, limits."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import SEED_CUSTOMER, Tokens
from tests.copilot.cli.test_ask_cmd import (
    SEED_CASES,
    SEED_EXPECTED,
    assert_addressed_in_one_language,
)

FI_CUSTOMER = "S000002"


def _turn(client: TestClient, tokens: Tokens, message: str, customer: str = SEED_CUSTOMER) -> dict:
    answer = client.post(
        f"/api/customers/{customer}/turns",
        json={"message": message},
        headers=tokens.header("advisor"),
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_a_turn_answers_the_cli_json_contract(client: TestClient, tokens: Tokens) -> None:
    result = _turn(client, tokens, "Draft an email about their growth")

    assert result["approval_id"] and result["draft"]["channel"] == "email"
    assert result["customer_id"] == SEED_CUSTOMER and result["llm"]["model"] == "offline"
    assert {"customer_profile", "arbitrate"} <= set(result["tools_called"])


def test_a_turn_streams_events_with_ids_when_asked(client: TestClient, tokens: Tokens) -> None:
    headers = {**tokens.header("advisor"), "Accept": "text/event-stream"}
    with client.stream(
        "POST",
        f"/api/customers/{SEED_CUSTOMER}/turns",
        json={"message": "Draft an email"},
        headers=headers,
    ) as answer:
        assert answer.headers["content-type"].startswith("text/event-stream")
        body = "".join(answer.iter_text())

    events = [block for block in body.strip().split("\n\n") if block.strip()]
    fields = [line.split(": ", 1) for block in events for line in block.splitlines()]
    names = [value for key, value in fields if key == "event"]
    ids = [int(value) for key, value in fields if key == "id"]
    assert names[0] == "node" and names[-1] == "result" and "draft_token" in names
    assert ids == list(range(1, len(events) + 1))
    data = json.loads([value for key, value in fields if key == "data"][-1])
    assert data["result"]["approval_id"]


def test_the_evidence_and_a_second_decision(client: TestClient, tokens: Tokens) -> None:
    approval_id = _turn(client, tokens, "Draft an email")["approval_id"]

    evidence = client.get(f"/api/turns/{approval_id}", headers=tokens.header("advisor")).json()
    first = client.post(
        f"/api/turns/{approval_id}/decision",
        json={"decision": "reject", "reason": "not now"},
        headers=tokens.header("advisor"),
    )
    second = client.post(
        f"/api/turns/{approval_id}/decision",
        json={"decision": "approve", "reason": "changed my mind"},
        headers=tokens.header("advisor"),
    )

    assert evidence["status"] == "pending" and evidence["facts"] and evidence["compliance"]
    assert first.status_code == 200 and first.json()["status"] == "rejected"
    assert (
        first.json()["reviewer"]
        == client.get("/api/me", headers=tokens.header("advisor")).json()["user_id"]
    )
    assert second.status_code == 409


def test_identity_comes_from_the_token_not_the_body(client: TestClient, tokens: Tokens) -> None:
    approval_id = _turn(client, tokens, "Draft an email")["approval_id"]

    answer = client.post(
        f"/api/turns/{approval_id}/decision",
        json={"decision": "reject", "reason": "no", "reviewer": "someone-else", "role": "admin"},
        headers=tokens.header("advisor"),
    )

    me = client.get("/api/me", headers=tokens.header("advisor")).json()
    assert answer.json()["reviewer"] == me["user_id"]


def test_a_pending_draft_is_listed_for_its_customer(client: TestClient, tokens: Tokens) -> None:
    approval_id = _turn(client, tokens, "Draft an email")["approval_id"]

    listed = client.get(f"/api/customers/{SEED_CUSTOMER}/turns", headers=tokens.header("advisor"))

    assert [t["approval_id"] for t in listed.json()][0] == approval_id


def test_a_message_over_4000_characters_is_413(client: TestClient, tokens: Tokens) -> None:
    answer = client.post(
        f"/api/customers/{SEED_CUSTOMER}/turns",
        json={"message": "x" * 4001},
        headers=tokens.header("advisor"),
    )

    assert answer.status_code == 413 and "4,000" in answer.json()["message"]


def test_bad_payloads_are_422_with_the_field(client: TestClient, tokens: Tokens) -> None:
    answer = client.post(
        f"/api/customers/{SEED_CUSTOMER}/turns",
        json={"message": "hi", "channel": "fax"},
        headers=tokens.header("advisor"),
    )

    assert answer.status_code == 422
    assert answer.json()["fields"][0]["field"] == "body.channel"


def test_maker_checker_over_http(client: TestClient, tokens: Tokens) -> None:
    approval_id = _turn(client, tokens, "Draft an email", FI_CUSTOMER)["approval_id"]
    made = client.post(
        f"/api/turns/{approval_id}/decision",
        json={"decision": "approve", "reason": "good"},
        headers=tokens.header("advisor"),
    ).json()
    queue = client.get(
        "/api/review-queue?status=waiting&country=FI", headers=tokens.header("compliance")
    )
    checked = client.post(
        f"/api/review-queue/{approval_id}/decision",
        json={"decision": "approve", "reason_code": "compliant", "comment": "fine"},
        headers=tokens.header("compliance"),
    )
    outbox = client.get("/api/outbox", headers=tokens.header("advisor")).json()

    assert (made["status"], made["released"]) == ("in_review", False)
    item = queue.json()[0]
    assert item["approval_id"] == approval_id and item["queued_because"] == ["pre_approval"]
    assert item["target_hours"] == 24.0 and item["age_hours"] >= 0
    assert checked.status_code == 200 and checked.json()["released"] is True
    assert [m["approval_id"] for m in outbox] == [approval_id]
    assert outbox[0]["evidence"]["decisions"][1]["reason_code"] == "compliant"


def test_a_refused_review_is_audited(client: TestClient, tokens: Tokens) -> None:
    approval_id = _turn(client, tokens, "Draft an email")["approval_id"]

    refused = client.post(
        f"/api/review-queue/{approval_id}/decision",
        json={"decision": "approve", "reason_code": "compliant"},
        headers=tokens.header("compliance"),
    )
    log = client.get("/api/audit?action=review.refused", headers=tokens.header("admin"))

    assert refused.status_code == 409
    assert [e["subject_id"] for e in log.json()] == [approval_id]


def test_the_queue_exports_as_csv_and_jsonl(client: TestClient, tokens: Tokens) -> None:
    approval_id = _turn(client, tokens, "Draft an email", FI_CUSTOMER)["approval_id"]
    client.post(
        f"/api/turns/{approval_id}/decision",
        json={"decision": "approve", "reason": "good"},
        headers=tokens.header("advisor"),
    )

    csv_text = client.get(
        "/api/review-queue/export?format=csv", headers=tokens.header("compliance")
    ).text
    jsonl = client.get(
        "/api/review-queue/export?format=jsonl", headers=tokens.header("compliance")
    ).text

    assert csv_text.splitlines()[0].startswith("approval_id,status")
    assert approval_id in csv_text.splitlines()[1]
    assert json.loads(jsonl.splitlines()[0])["approval_id"] == approval_id


@pytest.mark.slow
def test_the_five_seed_use_cases_over_http_are_addressed_in_their_language(
    client: TestClient, tokens: Tokens
) -> None:
    ids = dict(
        zip(SEED_EXPECTED, ("S000001", "S000002", "S000003", "S000004", "S000005"), strict=True)
    )
    for name, message in SEED_CASES:
        result = _turn(client, tokens, message, customer=ids[name])

        assert result["passed"], (name, result["findings"])
        assert_addressed_in_one_language(name, result["draft"])


def test_a_chosen_contact_is_greeted_instead_of_the_primary(
    client: TestClient, tokens: Tokens
) -> None:
    answer = client.post(
        f"/api/customers/{SEED_CUSTOMER}/turns",
        json={"message": "Draft an email about their growth", "contact_id": "S000001-2"},
        headers=tokens.header("advisor"),
    )

    assert answer.status_code == 200, answer.text
    text = answer.json()["draft"]["text"]
    assert "Hej Anna," in text and "Sarah" not in text
