"""The advisor side panel: one customer, the chat, its drafts, and the action lists.

Server-rendered (Jinja2, autoescaped) with HTMX for the partial updates; the streamed answer
comes from the API's own event stream (``/api/customers/{id}/turns``, read by
``static/panel.js``). Every route here calls the same functions as the JSON API, so roles,
book scoping, audit and the maker-checker rules have one home.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.audit_trail import audit
from api.deps import Advisor, ServiceDep, SettingsDep
from api.draft_view import draft_context, draft_evidence
from api.pages import render
from api.routes.action_lists import action_list
from api.routes.customers import list_customers, view_inputs
from api.schemas import ActionListKind
from copilot.access import customer_for
from copilot.customer_view import customer_view, recommendations_view
from copilot.ratings.reason_codes import MAX_COMMENT_CHARS, RATING_REASON_CODES
from tools.contact_policy.pack import load_contact_policy
from tools.foundation.db import session_scope

router = APIRouter(tags=["pages"], include_in_schema=False)

LISTS: dict[str, str] = {
    "top_defend": "Top Defend",
    "renewals": "Renewals due",
    "incident": "Incident campaign",
    "growth": "Growth",
}
"""The advisor's action lists, in the order the page shows them."""
CHANNELS = {
    "": "Let the copilot choose",
    "email": "Email",
    "call_script": "Call script",
    "portal_message": "Portal message",
    "talking_points": "Talking points",
}
"""Channels the advisor may ask for (empty: from preference, history and consent)."""
SHOWN_PENDING = 3
"""Pending drafts of a customer shown on the panel (newest first)."""
NODE_LABELS = {
    "understand_request": "Understood the request",
    "gather_facts": "Read the customer's facts",
    "recommend_actions": "Ranked the next best actions",
    "retrieve_knowledge": "Found the product and compliance passages",
    "draft_message": "Drafted the message",
    "check_compliance": "Checked the draft against the compliance rules",
    "revise_draft": "Revised the draft after the compliance check",
    "escalate_draft": "The draft needs a person: escalated",
    "await_approval": "Waiting for your approval",
}
"""What each step of the turn means, announced while the answer streams."""


def _peer_sentence(gap: Any, industry: str) -> str | None:
    """Return "61 % of similar IT services companies (...) hold Cyber liability", if known."""
    for reason in gap.reasons:
        if reason.kind == "peer_benchmark":
            bench = reason.evidence
            return (
                f"{bench['rate_pct']} % of similar {industry} companies hold "
                f"{gap.product_name} ({bench['holders']} of {bench['peer_count']} peers)."
            )
    return None


def _blocks_in_words(blocks: list[str]) -> list[tuple[str, str]]:
    policy = load_contact_policy()
    known = {rule.id for rule in policy.rules}
    return [(b, policy.rule(b).text if b in known else b) for b in blocks]


@router.get("/panel", response_class=HTMLResponse)
def panel(
    request: Request,
    actor: Advisor,
    settings: SettingsDep,
    service: ServiceDep,
    customer: Annotated[str | None, Query(max_length=40)] = None,
    query: Annotated[str, Query(max_length=120)] = "",
) -> HTMLResponse:
    """The side panel of one customer, or a search of the advisor's book without one."""
    if not customer:
        found = list_customers(actor, settings, query, 50)
        listing = {"section": "panel", "customers": found, "query": query}
        return render(request, "panel/search.html", listing)
    with session_scope(settings) as session:
        row = customer_for(session, actor, customer)
        customer_id, notes = row.id, row.crm_notes
    inputs = view_inputs(settings, actor, customer_id)
    view, recs = customer_view(inputs), recommendations_view(inputs)
    firm = view.profile.firmographics
    pending = [
        turn
        for turn in service.turns_of(customer_id)
        if turn.status == "pending" and turn.advisor_id == actor.advisor_id
    ][:SHOWN_PENDING]
    drafts = [draft_context(service.evidence(t.approval_id), firm.country) for t in pending]
    audit(settings, actor, "customer.view", "customer", customer_id, "panel")
    context: dict[str, Any] = {
        "section": "panel",
        "view": view,
        "firm": firm,
        "notes": notes,
        "recs": recs,
        "gaps": [(gap, _peer_sentence(gap, firm.industry_label)) for gap in view.gaps.gaps],
        "blocks": _blocks_in_words(view.contact_policy.blocks),
        "areas": [a for a in view.profile.coverage_by_area if a.score is not None],
        "drafts": drafts,
        "channels": CHANNELS,
        "node_labels": NODE_LABELS,
        "rating_codes": RATING_REASON_CODES,
        "max_comment": MAX_COMMENT_CHARS,
    }
    return render(request, "panel/customer.html", context)


@router.get("/panel/turns/{approval_id}", response_class=HTMLResponse)
def draft_fragment(
    approval_id: str,
    request: Request,
    actor: Advisor,
    settings: SettingsDep,
    service: ServiceDep,
) -> HTMLResponse:
    """One draft with its citations, findings, edit box, decision and rating forms."""
    evidence, country = draft_evidence(settings, service, actor, approval_id)
    audit(settings, actor, "turn.view", "turn", approval_id, "panel")
    return render(request, "panel/draft.html", {"d": draft_context(evidence, country)})


@router.get("/panel/lists", response_class=HTMLResponse)
def lists(
    request: Request,
    actor: Advisor,
    settings: SettingsDep,
    kind: Annotated[ActionListKind, Query()] = "top_defend",
) -> HTMLResponse:
    """The advisor's action lists: Top Defend, renewals due, incident campaign, growth."""
    found = action_list(actor, settings, kind, 50)
    context = {"section": "lists", "lists": LISTS, "found": found, "kind": kind}
    return render(request, "panel/lists.html", context)
