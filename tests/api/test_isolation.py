"""Book isolation, generated from the OpenAPI schema: every endpoint that takes a customer,
turn or draft id, tried with another advisor's ids; none succeeds (404, never the data)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.api.conftest import OTHER_ADVISOR, SEED_CUSTOMER, Tokens
from tools.book.models import Customer
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings

ID_PARAMETERS = {"customer_id", "approval_id"}
"""Path parameters that name something in an advisor's book."""
BODIES = {
    "post /api/customers/{customer_id}/turns": {"message": "Draft an email"},
    "post /api/turns/{approval_id}/decision": {"decision": "approve", "reason": "ok"},
    "post /api/review-queue/{approval_id}/decision": {
        "decision": "approve",
        "reason_code": "compliant",
    },
}


def _id_endpoints(client: TestClient) -> list[tuple[str, str]]:
    schema = client.get("/openapi.json").json()
    found = []
    for path, operations in schema["paths"].items():
        if set(re.findall(r"{(\w+)}", path)) & ID_PARAMETERS:
            found += [(method, path) for method in operations]
    return found


def test_another_advisors_ids_are_not_found_anywhere(
    client: TestClient, tokens: Tokens, api_settings: Settings
) -> None:
    owner = tokens.header("advisor")
    approvals = []
    for message in ("Draft an email", "Prepare a call script", "Write a portal message"):
        answer = client.post(
            f"/api/customers/{SEED_CUSTOMER}/turns", json={"message": message}, headers=owner
        )
        approvals.append(answer.json()["approval_id"])
    with session_scope(api_settings) as session:
        customers = list(
            session.scalars(select(Customer.id).where(Customer.advisor_id == "ADV-001").limit(12))
        )
    endpoints = _id_endpoints(client)
    intruder = tokens.header("other_advisor")
    attempts = []
    for method, path in endpoints:
        ids = approvals if "{approval_id}" in path else customers
        for value in ids:
            url = path.replace("{customer_id}", value).replace("{approval_id}", value)
            body = BODIES.get(f"{method} {path}")
            answer = client.request(method.upper(), url, json=body, headers=intruder)
            attempts.append((method, url, answer.status_code))
    rating = {"subject_type": "draft", "customer_id": SEED_CUSTOMER, "score": 1}
    for approval_id in approvals:
        answer = client.post(
            "/api/ratings", json={**rating, "subject_id": approval_id}, headers=intruder
        )
        attempts.append(("post", "/api/ratings", answer.status_code))
    listed = client.get("/api/customers?query=", headers=intruder).json()
    outbox = client.get("/api/outbox", headers=intruder).json()

    assert len({path for _, path in endpoints}) >= 4
    assert len(attempts) >= 50
    # 404 hides the data; 403 only where the role itself may not act (review decisions).
    assert all(code in (403, 404) for _, _, code in attempts), attempts
    assert sum(code == 404 for _, _, code in attempts) >= 50
    assert all(c["advisor_id"] == OTHER_ADVISOR for c in listed)
    assert all(m["advisor_id"] == OTHER_ADVISOR for m in outbox)
    # The owner still reaches every one of them.
    assert client.get(f"/api/turns/{approvals[0]}", headers=owner).status_code == 200
