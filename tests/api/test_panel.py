"""The advisor side panel, server-rendered: what it shows, escaping, decisions and ratings."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import update

from api.draft_view import rating_key
from tests.api.conftest import SEED_CUSTOMER, Tokens
from tools.book.models import Customer
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings

PANEL = f"/panel?customer={SEED_CUSTOMER}"


def _sign_in(client: TestClient, token: str) -> str:
    """Sign the client's browser session in; return the page's CSRF token."""
    client.post("/login", data={"token": token, "next": "/panel"})
    page = client.get("/panel").text
    found = re.search(r'data-csrf="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def _turn(client: TestClient, tokens: Tokens, message: str = "Draft an email") -> dict[str, Any]:
    answer = client.post(
        f"/api/customers/{SEED_CUSTOMER}/turns",
        json={"message": message},
        headers=tokens.header("advisor"),
    )
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


def test_the_panel_shows_profile_coverage_gaps_recommendations_and_contactability(
    client: TestClient, tokens: Tokens
) -> None:
    answer = client.get(PANEL, headers=tokens.header("advisor"))
    page = answer.text

    assert answer.status_code == 200
    assert "<h1>Nordic IT Solutions AB</h1>" in page
    assert "15 employees" in page and "IT services" in page and "advisor ADV-001" in page
    assert '<svg class="chart"' in page and "Coverage by risk area" in page
    assert re.search(r"\d+ % of similar IT services companies hold Cyber liability", page)
    assert "Next best action" in page and "Urgency" in page
    assert "<h3>Cyber liability" in page  # the product's name, not its code
    assert "Why not (" in page and "Ranked by" in page
    assert "Objection to marketing" in page and "Sales contact is allowed today." in page
    assert '<label for="message">Your question or request</label>' in page
    assert 'aria-live="polite"' in page


def test_every_page_answer_carries_the_content_security_policy(
    client: TestClient, tokens: Tokens
) -> None:
    policy = client.get(PANEL, headers=tokens.header("advisor")).headers["content-security-policy"]

    assert "frame-ancestors 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe" not in policy


def test_another_advisors_customer_is_a_plain_not_found_page(
    client: TestClient, tokens: Tokens
) -> None:
    answer = client.get(PANEL, headers=tokens.header("other_advisor"))

    assert answer.status_code == 404
    assert "<h1>Not found</h1>" in answer.text
    assert "Nordic IT Solutions" not in answer.text


def test_a_browser_without_a_session_is_sent_to_sign_in_and_back(client: TestClient) -> None:
    answer = client.get(PANEL, follow_redirects=False)

    assert answer.status_code == 303
    assert answer.headers["location"] == "/login?next=%2Fpanel%3Fcustomer%3DS000001"


def test_compliance_has_no_advisor_panel(client: TestClient, tokens: Tokens) -> None:
    assert client.get(PANEL, headers=tokens.header("compliance")).status_code == 403


def test_text_from_the_crm_is_escaped(
    client: TestClient, tokens: Tokens, api_settings: Settings
) -> None:
    with session_scope(api_settings) as session:
        session.execute(
            update(Customer)
            .where(Customer.id == SEED_CUSTOMER)
            .values(name='<script>alert("x")</script> & Co')
        )
    panel = client.get(PANEL, headers=tokens.header("advisor")).text
    search = client.get("/panel?query=script", headers=tokens.header("advisor")).text

    for page in (panel, search):
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co" in page


def test_a_pending_draft_survives_a_reload(client: TestClient, tokens: Tokens) -> None:
    turn = _turn(client, tokens)

    page = client.get(PANEL, headers=tokens.header("advisor")).text

    assert f'id="draft-{turn["approval_id"]}"' in page
    assert "Approve</button>" in page and "Reject</button>" in page
    assert 'class="cite"' in page  # citation markers link to their passages
    assert 'id="cite-' in page and '<details class="passage"' in page


def test_approving_an_edit_keeps_the_diff_and_a_second_decision_is_refused(
    client: TestClient, tokens: Tokens
) -> None:
    csrf = _sign_in(client, tokens.advisor)
    turn = _turn(client, tokens)
    approval_id = turn["approval_id"]
    url = f"/panel/turns/{approval_id}/decision"
    edited = turn["draft"]["text"].replace("Svara gärna", "Svara gärna direkt", 1)

    first = client.post(
        url,
        data={"decision": "approve", "text": edited, "reason": "warmer opening"},
        headers={"X-CSRF-Token": csrf, "HX-Request": "true"},
    )
    second = client.post(
        url,
        data={"decision": "reject", "reason": "changed my mind"},
        headers={"X-CSRF-Token": csrf, "HX-Request": "true"},
    )

    assert first.status_code == 200, first.text
    assert "Decision recorded: edit" in first.text
    assert re.search(r"<ins>\s*direkt\s*</ins>", first.text), first.text
    assert first.headers["hx-retarget"] == f"#draft-{approval_id}"
    assert second.status_code == 409 and 'role="alert"' in second.text


def test_a_page_decision_without_the_csrf_token_is_refused(
    client: TestClient, tokens: Tokens
) -> None:
    _sign_in(client, tokens.advisor)
    turn = _turn(client, tokens)

    answer = client.post(
        f"/panel/turns/{turn['approval_id']}/decision", data={"decision": "approve"}
    )

    assert answer.status_code == 403 and "CSRF" in answer.text
    assert client.get(f"/api/turns/{turn['approval_id']}").json()["status"] == "pending"


def test_rejecting_needs_a_reason(client: TestClient, tokens: Tokens) -> None:
    turn = _turn(client, tokens)

    answer = client.post(
        f"/panel/turns/{turn['approval_id']}/decision",
        data={"decision": "reject", "reason": "  "},
        headers={**tokens.header("advisor"), "HX-Request": "true"},
    )

    assert answer.status_code == 422 and "Say why you reject" in answer.text


def test_rating_a_recommendation_from_the_panel(client: TestClient, tokens: Tokens) -> None:
    action_id = client.get(
        f"/api/customers/{SEED_CUSTOMER}/recommendations", headers=tokens.header("advisor")
    ).json()["recommendations"][0]["action_id"]
    form = {
        "subject_type": "recommendation",
        "subject_id": action_id,
        "customer_id": SEED_CUSTOMER,
        "score": "4",
        "reason_codes": ["wrong_timing", "tone"],
        "comment": "Call after the board meeting",
    }

    stored = client.post("/panel/ratings", data=form, headers=tokens.header("advisor"))
    too_long = client.post(
        "/panel/ratings", data={**form, "comment": "x" * 226}, headers=tokens.header("advisor")
    )
    no_stars = client.post(
        "/panel/ratings", data={**form, "score": ""}, headers=tokens.header("advisor")
    )

    assert stored.status_code == 200 and "Thanks: 4 stars (wrong timing, tone)" in stored.text
    assert stored.headers["hx-retarget"] == f"#rate-{rating_key('recommendation', action_id)}"
    assert too_long.status_code == 422 and "225" in too_long.text
    assert no_stars.status_code == 422 and "Choose 1 to 5 stars" in no_stars.text


def test_the_action_lists_page_has_all_four_lists(client: TestClient, tokens: Tokens) -> None:
    for kind, title in [
        ("top_defend", "Top Defend"),
        ("renewals", "Renewals due"),
        ("incident", "Incident campaign"),
        ("growth", "Growth"),
    ]:
        answer = client.get(f"/panel/lists?kind={kind}", headers=tokens.header("advisor"))
        assert answer.status_code == 200
        assert f"<h2>{title}</h2>" in answer.text
    bad = client.get("/panel/lists?kind=nope", headers=tokens.header("advisor"))
    assert bad.status_code == 422 and "Please check the form" in bad.text


def test_the_customer_search_lists_only_the_callers_book(
    client: TestClient, tokens: Tokens
) -> None:
    own = client.get("/panel?query=Nordic", headers=tokens.header("advisor")).text
    other = client.get("/panel?query=Nordic IT", headers=tokens.header("other_advisor")).text

    assert "Nordic IT Solutions AB" in own
    assert "Nordic IT Solutions AB" not in other
