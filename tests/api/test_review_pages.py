"""The compliance review pages: the queue with its filters, one item, the decision form."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from api.schemas import ReviewDecisionCreate
from copilot.review.models import ReviewItem
from copilot.service import TurnService
from tests.api.conftest import SEED_CUSTOMER, Tokens
from tests.copilot.conftest import ScriptedLLM
from tools.book.models import Customer
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings

FI_CUSTOMER = "S000002"
SCRIPT = "<script>alert(1)</script>"
PLAN = {
    "intent": "draft_outreach",
    "products": ["CYBER"],
    "channel": "email",
    "tools": ["customer_profile", "coverage_gaps", "next_best_actions", "arbitrate", "quote"],
}
PROMISE = " ni får garanterad ersättning;"


def promising_email(variables: dict[str, Any]) -> str:
    """Return a Swedish e-mail that passes every rule but the absolute claim."""
    cid = variables["documents"].split("]")[0].lstrip("[")
    insurer = variables["insurer"]
    return (
        f"Subject: Marknadsföring från {insurer}: cyberförsäkring\n\n"
        f"Marknadsföring från {insurer}. Hej,{PROMISE} vi föreslår en cyberförsäkring för ert "
        f"företag [{cid}]. Viktigaste undantag: krig och avbrott i den allmänna infrastrukturen "
        f"omfattas inte [{cid}]. Försäkringsgivare som bär risken är {insurer}. Ni kan när som "
        "helst invända mot marknadsföring eller avregistrera er genom att svara STOPP."
    )


def _first_email(client: TestClient, tokens: Tokens) -> str:
    """Queue a first marketing e-mail to the Finnish customer (pre-approval) and return its id."""
    turn = client.post(
        f"/api/customers/{FI_CUSTOMER}/turns",
        json={"message": "Draft an email"},
        headers=tokens.header("advisor"),
    ).json()
    made = client.post(
        f"/api/turns/{turn['approval_id']}/decision",
        json={"decision": "approve", "reason": "good"},
        headers=tokens.header("advisor"),
    )
    assert made.json()["status"] == "in_review", made.text
    return str(turn["approval_id"])


def _escalated(client: TestClient, tokens: Tokens, settings: Settings) -> str:
    """Queue a Swedish draft that failed the gate twice and that the advisor fixed by hand."""
    offline = client.app.state.service  # type: ignore[attr-defined]
    scripted = ScriptedLLM(plans=[PLAN], drafts=[promising_email, promising_email])
    client.app.state.service = TurnService(settings, llm=scripted)  # type: ignore[attr-defined]
    try:
        turn = client.post(
            f"/api/customers/{SEED_CUSTOMER}/turns",
            json={"message": "email about cyber"},
            headers=tokens.header("advisor"),
        ).json()
    finally:
        client.app.state.service = offline  # type: ignore[attr-defined]
    assert turn["escalated"], turn
    fixed = turn["draft"]["text"].replace(PROMISE, "")
    made = client.post(
        f"/api/turns/{turn['approval_id']}/decision",
        json={"decision": "edit", "text": fixed, "reason": "removed the promise"},
        headers=tokens.header("advisor"),
    )
    assert made.json()["status"] == "in_review", made.text
    return str(turn["approval_id"])


def _sign_in(client: TestClient, token: str) -> str:
    """Sign in through the form (session cookie) and return the page's CSRF token."""
    client.post("/login", data={"token": token}, follow_redirects=False)
    page = client.get("/review").text
    found = re.search(r'data-csrf="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def _decision(**fields: str) -> dict[str, str]:
    return {"decision": "approve", "reason_code": "compliant", "comment": "fine", **fields}


def test_the_queue_shows_each_item_with_its_age_against_the_target(
    client: TestClient, tokens: Tokens
) -> None:
    approval_id = _first_email(client, tokens)

    page = client.get("/review", headers=tokens.header("compliance"))

    assert page.status_code == 200
    assert f'href="/review/{approval_id}"' in page.text
    assert "0.0 h of 24 h target" in page.text and "overdue</span>" not in page.text
    assert '<th scope="col">Age</th>' in page.text
    assert '<link rel="stylesheet" href="/static/review.css">' in page.text


def test_every_filter_control_has_a_visible_label(client: TestClient, tokens: Tokens) -> None:
    page = client.get("/review", headers=tokens.header("compliance")).text

    controls = re.findall(r'<(?:select|input) id="([^"]+)"', page)
    assert {"f-status", "f-country", "f-product", "f-rule", "f-advisor", "f-older"} <= set(controls)
    for control in controls:
        assert f'<label for="{control}">' in page
    assert "Overdue only" in page and page.count("<h1>") == 1


def test_the_country_filter_excludes_the_other_country(
    client: TestClient, tokens: Tokens, api_settings: Settings
) -> None:
    finnish = _first_email(client, tokens)
    swedish = _escalated(client, tokens, api_settings)

    page = client.get("/review?country=FI&product=&rule=", headers=tokens.header("compliance"))

    assert f"/review/{finnish}" in page.text and f"/review/{swedish}" not in page.text
    assert "/api/review-queue/export?format=csv&amp;status=waiting&amp;country=FI" in page.text
    assert "/api/review-queue/export?format=jsonl&amp;status=waiting&amp;country=FI" in page.text


def test_the_rule_filter_keeps_the_drafts_that_failed_it(
    client: TestClient, tokens: Tokens, api_settings: Settings
) -> None:
    finnish = _first_email(client, tokens)
    swedish = _escalated(client, tokens, api_settings)

    page = client.get("/review?rule=claims.absolute", headers=tokens.header("compliance")).text

    assert f"/review/{swedish}" in page and f"/review/{finnish}" not in page


def test_overdue_only_keeps_items_waiting_longer_than_the_target(
    client: TestClient, tokens: Tokens, api_settings: Settings
) -> None:
    old, new = _first_email(client, tokens), _first_email(client, tokens)
    with session_scope(api_settings) as session:
        item = session.get(ReviewItem, old)
        assert item is not None
        item.queued_at -= timedelta(hours=30)

    everything = client.get("/review", headers=tokens.header("compliance")).text
    overdue = client.get("/review?overdue=1", headers=tokens.header("compliance")).text

    assert "30 h of 24 h target" in everything and "overdue</span>" in everything
    assert f"/review/{old}" in overdue and f"/review/{new}" not in overdue
    assert "older_than_hours=24.0" in overdue  # the export gets the same filter


def test_the_export_links_work_with_the_session_cookie(client: TestClient, tokens: Tokens) -> None:
    approval_id = _first_email(client, tokens)
    _sign_in(client, tokens.compliance)

    exported = client.get("/api/review-queue/export?format=csv&status=waiting&country=FI")

    assert exported.status_code == 200 and approval_id in exported.text


def test_an_advisor_gets_the_not_allowed_page(client: TestClient, tokens: Tokens) -> None:
    page = client.get("/review", headers=tokens.header("advisor"))

    assert page.status_code == 403 and "<h1>Not allowed</h1>" in page.text


def test_without_a_session_the_queue_sends_the_browser_to_sign_in(client: TestClient) -> None:
    answer = client.get("/review?country=FI", follow_redirects=False)

    assert answer.status_code == 303
    assert answer.headers["location"] == "/login?next=%2Freview%3Fcountry%3DFI"


def test_an_admin_reads_the_queue_and_an_item_but_gets_no_decision_form(
    client: TestClient, tokens: Tokens
) -> None:
    approval_id = _first_email(client, tokens)

    queue = client.get("/review", headers=tokens.header("admin"))
    item = client.get(f"/review/{approval_id}", headers=tokens.header("admin"))

    assert queue.status_code == item.status_code == 200
    assert "Record decision" not in item.text and "only the compliance role" in item.text


def test_a_draft_outside_the_queue_is_not_found(client: TestClient, tokens: Tokens) -> None:
    page = client.get("/review/not-a-draft", headers=tokens.header("compliance"))

    assert page.status_code == 404 and "not in the review queue" in page.text


def test_the_item_marks_the_finding_inline_with_its_rule_and_regulation(
    client: TestClient, tokens: Tokens, api_settings: Settings
) -> None:
    approval_id = _escalated(client, tokens, api_settings)

    page = client.get(f"/review/{approval_id}", headers=tokens.header("compliance")).text

    marked = re.search(
        r'<mark class="sev-block" data-rule="claims.absolute"[^>]*>([^<]+)</mark>', page
    )
    assert marked is not None and "garanterad" in marked.group(1)
    assert '<sup class="rule">claims.absolute</sup>' in page
    assert re.search(r'id="finding-0">.*claims\.absolute', page)
    assert "Regulation: " in page


def test_the_item_shows_the_rules_checked_passages_and_versions(
    client: TestClient, tokens: Tokens, api_settings: Settings
) -> None:
    approval_id = _escalated(client, tokens, api_settings)

    page = client.get(f"/review/{approval_id}", headers=tokens.header("compliance")).text

    row = r'<code>([a-z_.]+)</code></th>\s*<td>[^<]*</td>\s*<td><span class="badge [^"]+">(\w+)<'
    rows = dict(re.findall(row, page))
    assert rows["claims.absolute"] == "fail" and rows["figures.ungrounded"] == "pass"
    # the draft cites the first passage its prompt was given: the reference's first product
    assert re.search(r'<details class="passage">\s*<summary>[^<]+product sheet · ', page)
    assert "<code>revise_draft</code>" in page and "fake-model" in page  # the revision
    assert "<code>nordic-se</code>" in page and "All facts (JSON)" in page
    assert "Nordic IT Solutions AB" in page


def test_the_item_shows_the_advisors_edit_as_a_word_diff(
    client: TestClient, tokens: Tokens, api_settings: Settings
) -> None:
    approval_id = _escalated(client, tokens, api_settings)

    page = client.get(f"/review/{approval_id}", headers=tokens.header("compliance")).text

    assert re.search(r"<del>[^<]*garanterad[^<]*</del>", page)
    assert "No edit (not decided yet)." in page


def test_an_unedited_draft_says_no_edit(client: TestClient, tokens: Tokens) -> None:
    approval_id = _first_email(client, tokens)

    page = client.get(f"/review/{approval_id}", headers=tokens.header("compliance")).text

    assert "No edit: the advisor approved the model's draft as it is." in page


def test_the_item_shows_its_audit_trail(client: TestClient, tokens: Tokens) -> None:
    approval_id = _first_email(client, tokens)

    page = client.get(f"/review/{approval_id}", headers=tokens.header("compliance")).text

    trail = page[page.index('id="trail-h"') :]
    actions = re.findall(r"<code>(turn\.\w+|review\.\w+)</code>", trail)
    assert actions[:2] == ["turn.start", "turn.decide"] and actions[-1] == "turn.view"
    assert "removed" not in trail and ">advisor</td>" in trail and "good" in trail


def test_deciding_through_the_page_works_once(client: TestClient, tokens: Tokens) -> None:
    approval_id = _first_email(client, tokens)
    csrf = _sign_in(client, tokens.compliance)
    url = f"/review/{approval_id}/decision"

    first = client.post(url, data=_decision(), headers={"X-CSRF-Token": csrf, "HX-Request": "true"})
    second = client.post(url, data=_decision(decision="reject", csrf_token=csrf))

    assert first.status_code == 200 and "Decision recorded: approve." in first.text
    assert "in the outbox" in first.text and 'id="decision" hx-swap-oob="true"' in first.text
    assert second.status_code == 409 and "<h1>Already decided</h1>" in second.text
    item = client.get(f"/review/{approval_id}").text
    assert "review.decide" in item and "Record decision" not in item


def test_a_plain_form_decision_answers_a_whole_page(client: TestClient, tokens: Tokens) -> None:
    approval_id = _first_email(client, tokens)
    csrf = _sign_in(client, tokens.compliance)

    answer = client.post(
        f"/review/{approval_id}/decision",
        data=_decision(decision="request_changes", reason_code="tone", csrf_token=csrf),
    )

    assert answer.status_code == 200 and "<h1>Decision recorded</h1>" in answer.text
    assert "the draft is back with the advisor" in answer.text
    assert "hx-swap-oob" not in answer.text


def test_a_compliance_edit_shows_in_the_three_way_diff(client: TestClient, tokens: Tokens) -> None:
    approval_id = _first_email(client, tokens)
    page = client.get(f"/review/{approval_id}", headers=tokens.header("compliance")).text
    found = re.search(r'<textarea id="text"[^>]*>([^<]*)</textarea>', page)
    assert found is not None
    text = found.group(1).replace("&#39;", "'").replace("&amp;", "&") + "\n\nKind regards"

    decided = client.post(
        f"/review/{approval_id}/decision",
        data=_decision(reason_code="compliant_after_edit", text=text),
        headers={**tokens.header("compliance"), "HX-Request": "true"},
    )
    after = client.get(f"/review/{approval_id}", headers=tokens.header("compliance")).text

    assert decided.status_code == 200, decided.text
    assert "<ins>" in decided.text
    changes = after[after.index('id="changes-h"') : after.index('id="decision-h"')]
    assert re.search(r"<ins>[^<]*Kind regards</ins>", changes)


def test_a_decision_needs_a_reason_code(client: TestClient, tokens: Tokens) -> None:
    approval_id = _first_email(client, tokens)

    answer = client.post(
        f"/review/{approval_id}/decision",
        data=_decision(reason_code=""),
        headers={**tokens.header("compliance"), "HX-Request": "true"},
    )

    assert answer.status_code == 422 and "Choose a reason code" in answer.text
    assert 'role="alert"' in answer.text


def test_a_cookie_decision_without_the_csrf_token_is_refused(
    client: TestClient, tokens: Tokens
) -> None:
    approval_id = _first_email(client, tokens)
    _sign_in(client, tokens.compliance)

    refused = client.post(f"/review/{approval_id}/decision", data=_decision())

    assert refused.status_code == 403 and "CSRF" in refused.text
    assert "Record decision" in client.get(f"/review/{approval_id}").text


def test_self_approval_is_refused_with_its_message(client: TestClient, tokens: Tokens) -> None:
    turn = client.post(
        f"/api/customers/{FI_CUSTOMER}/turns",
        json={"message": "Draft an email"},
        headers=tokens.header("advisor"),
    ).json()
    me = client.get("/api/me", headers=tokens.header("compliance")).json()["user_id"]
    service: TurnService = client.app.state.service  # type: ignore[attr-defined]
    service.decide(turn["approval_id"], "approve", me, "made it myself")  # as the maker (CLI)

    item = client.get(f"/review/{turn['approval_id']}", headers=tokens.header("compliance"))
    refused = client.post(
        f"/review/{turn['approval_id']}/decision",
        data=_decision(),
        headers={**tokens.header("compliance"), "HX-Request": "true"},
    )

    assert "You approved this draft as its maker" in item.text
    assert refused.status_code == 403 and "as its maker; another person must review" in refused.text


def test_crm_text_is_escaped_on_the_queue_and_the_item(
    client: TestClient, tokens: Tokens, api_settings: Settings
) -> None:
    with session_scope(api_settings) as session:
        customer = session.get(Customer, FI_CUSTOMER)
        assert customer is not None
        customer.name = f"{SCRIPT} Oy"
    approval_id = _first_email(client, tokens)

    queue = client.get("/review", headers=tokens.header("compliance")).text
    item = client.get(f"/review/{approval_id}", headers=tokens.header("compliance")).text

    for page in (queue, item):
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Oy" in page
        assert SCRIPT not in page


def test_sending_a_draft_back_needs_a_comment() -> None:
    with pytest.raises(ValidationError, match="say in the comment"):
        ReviewDecisionCreate(decision="reject", reason_code="misleading", comment=" ")
    approved = ReviewDecisionCreate(decision="approve", reason_code="compliant")
    assert approved.comment == ""
