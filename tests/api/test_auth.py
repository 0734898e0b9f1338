"""Who is calling: bearer tokens, the sign-in form and its cookie, CSRF, roles."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from api.routes.login import safe_next
from copilot.audit.models import AuditEntry
from copilot.users import revoke_user
from tests.api.conftest import SEED_ADVISOR, SEED_CUSTOMER, Tokens
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings


def test_no_token_or_a_bad_token_is_401(client: TestClient, tokens: Tokens) -> None:
    missing = client.get("/api/me")
    wrong = client.get("/api/me", headers={"Authorization": "Bearer not-a-token"})

    assert missing.status_code == wrong.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    assert "Bearer" in missing.json()["message"]


def test_a_revoked_token_no_longer_works(
    client: TestClient, tokens: Tokens, api_settings: Settings
) -> None:
    me = client.get("/api/me", headers=tokens.header("advisor")).json()
    with session_scope(api_settings) as session:
        revoke_user(session, me["user_id"])

    assert client.get("/api/me", headers=tokens.header("advisor")).status_code == 401


def test_the_sign_in_form_is_labelled(client: TestClient) -> None:
    page = client.get("/login").text

    assert re.search(r'<label for="token">Access token</label>', page)
    assert '<button type="submit">Sign in</button>' in page


def test_signing_in_sets_a_signed_httponly_samesite_cookie(
    client: TestClient, tokens: Tokens, api_settings: Settings
) -> None:
    answer = client.post(
        "/login", data={"token": tokens.advisor, "next": "/api/me"}, follow_redirects=False
    )

    assert answer.status_code == 303 and answer.headers["location"] == "/api/me"
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Max-Age=28800" in cookie
    assert client.get("/api/me").json()["advisor_id"] == SEED_ADVISOR
    with session_scope(api_settings) as session:
        actions = [e.action for e in session.query(AuditEntry)]
    assert "auth.sign_in" in actions


def test_a_wrong_token_shows_the_form_again_and_is_audited(
    client: TestClient, tokens: Tokens, api_settings: Settings
) -> None:
    answer = client.post("/login", data={"token": "guess"})

    assert answer.status_code == 401 and "not valid" in answer.text
    with session_scope(api_settings) as session:
        assert session.query(AuditEntry).filter_by(action="auth.sign_in_failed").count() == 1


def test_a_tampered_cookie_is_not_a_session(client: TestClient, tokens: Tokens) -> None:
    client.post("/login", data={"token": tokens.advisor}, follow_redirects=False)
    value = client.cookies["copilot_session"]
    client.cookies.clear()
    client.cookies.set(
        "copilot_session", value[:-2] + ("A" if value[-2] != "A" else "B") + value[-1]
    )

    assert client.get("/api/me").status_code == 401


def test_a_cookie_request_that_changes_state_needs_the_csrf_token(
    client: TestClient, tokens: Tokens
) -> None:
    client.post("/login", data={"token": tokens.advisor}, follow_redirects=False)
    rating = {
        "subject_type": "recommendation",
        "subject_id": f"{SEED_CUSTOMER}:cross_sell:CYBER:growth",
        "customer_id": SEED_CUSTOMER,
        "score": 4,
    }

    refused = client.post("/api/ratings", json=rating)

    assert refused.status_code == 403 and "CSRF" in refused.json()["message"]


def test_sign_in_never_redirects_to_another_site() -> None:
    assert safe_next("https://evil.example/") == "/"
    assert safe_next("//evil.example/") == "/"
    assert safe_next("/\\evil.example") == "/"
    assert safe_next("/panel?customer=S000001") == "/panel?customer=S000001"


def test_roles_are_checked(client: TestClient, tokens: Tokens) -> None:
    turn = {"message": "What should I offer?"}
    url = f"/api/customers/{SEED_CUSTOMER}/turns"

    assert client.post(url, json=turn, headers=tokens.header("compliance")).status_code == 403
    assert client.get("/api/review-queue", headers=tokens.header("advisor")).status_code == 403
    assert client.get("/api/users", headers=tokens.header("advisor")).status_code == 403
    assert client.get("/api/users", headers=tokens.header("compliance")).status_code == 403
    assert client.get("/api/users", headers=tokens.header("admin")).status_code == 200
    assert client.get("/api/customers", headers=tokens.header("operations")).status_code == 403
