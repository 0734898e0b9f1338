"""Contacts over HTTP: the recipient by contact_id or the primary, 404 for another's, the panel."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from tests.api.conftest import SEED_CUSTOMER, Tokens
from tools.book.models import Contact
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings

TURNS = f"/api/customers/{SEED_CUSTOMER}/turns"
EMAIL = "Draft an email about their growth"


def _post(client: TestClient, tokens: Tokens, **body: Any) -> Any:
    return client.post(TURNS, json={"message": EMAIL, **body}, headers=tokens.header("advisor"))


def test_a_turn_writes_to_the_primary_contact_by_default(
    client: TestClient, tokens: Tokens
) -> None:
    answer = _post(client, tokens)

    assert answer.status_code == 200, answer.text
    assert answer.json()["recipient"]["first_name"] == "Sarah"


def test_contact_id_chooses_the_recipient(client: TestClient, tokens: Tokens) -> None:
    answer = _post(client, tokens, contact_id="S000001-2", channel="email")

    result = answer.json()
    assert answer.status_code == 200, answer.text
    assert result["recipient"]["id"] == "S000001-2" and result["recipient"]["first_name"] == "Anna"
    evidence = client.get(
        f"/api/turns/{result['approval_id']}", headers=tokens.header("advisor")
    ).json()
    assert evidence["recipient"]["id"] == "S000001-2"


def test_an_email_to_a_person_who_refused_email_is_blocked_though_the_company_consented(
    client: TestClient, tokens: Tokens
) -> None:
    view = client.get(f"/api/customers/{SEED_CUSTOMER}", headers=tokens.header("advisor")).json()
    company_email = next(c for c in view["contactability"]["channels"] if c["channel"] == "email")

    result = _post(client, tokens, contact_id="S000001-3", channel="email").json()

    assert company_email["consent"] == "given"
    assert "channel.consent" in {f["rule"] for f in result["findings"] if f["severity"] == "block"}
    assert not result["passed"]


def test_another_customers_contact_is_404_with_the_customers_own_ids(
    client: TestClient, tokens: Tokens
) -> None:
    answer = _post(client, tokens, contact_id="S000002-1")

    assert answer.status_code == 404
    assert "S000001-1, S000001-2, S000001-3" in answer.json()["message"]


def test_an_unknown_contact_is_refused_before_the_stream_starts(
    client: TestClient, tokens: Tokens
) -> None:
    headers = {**tokens.header("advisor"), "Accept": "text/event-stream"}

    answer = client.post(TURNS, json={"message": EMAIL, "contact_id": "nobody"}, headers=headers)

    assert answer.status_code == 404 and "Unknown contact 'nobody'" in answer.json()["message"]


def test_an_empty_contact_id_is_invalid(client: TestClient, tokens: Tokens) -> None:
    assert _post(client, tokens, contact_id="").status_code == 422


def test_the_customer_view_lists_the_contacts_with_their_consent(
    client: TestClient, tokens: Tokens
) -> None:
    view = client.get(f"/api/customers/{SEED_CUSTOMER}", headers=tokens.header("advisor")).json()

    people = view["contacts"]
    assert [p["id"] for p in people] == ["S000001-1", "S000001-2", "S000001-3"]
    johan = {c["channel"]: c for c in people[2]["contactability"]["channels"]}
    assert johan["email"]["consent"] == "refused" and not johan["email"]["marketing_allowed"]


def test_the_panel_lists_the_contacts_and_a_labelled_recipient_select(
    client: TestClient, tokens: Tokens
) -> None:
    page = client.get(f"/panel?customer={SEED_CUSTOMER}", headers=tokens.header("advisor")).text

    assert '<h3 id="people-h">Contact persons</h3>' in page
    assert '<label for="contact">Write to</label>' in page
    assert '<select id="contact" name="contact"' in page
    assert re.search(r'<option value="S000001-1" selected>Sarah Lindberg \(CEO, primary\)', page)
    assert '<option value="S000001-3">Johan Ekström (IT)</option>' in page
    assert 'refused<br><span class="hint">not allowed</span>' in page


def test_the_panel_escapes_contact_names(
    client: TestClient, tokens: Tokens, api_settings: Settings
) -> None:
    with session_scope(api_settings) as session:
        anna = session.get(Contact, "S000001-2")
        assert anna is not None
        anna.first_name = '<script>alert("x")</script>'

    page = client.get(f"/panel?customer={SEED_CUSTOMER}", headers=tokens.header("advisor")).text

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
