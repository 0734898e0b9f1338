"""The advisor side panel: one customer, the chat, drafts, decisions, ratings, action lists.

Server-rendered (Jinja2, autoescaped) with HTMX for the partial updates; the streamed answer
comes from the API's own event stream (``/api/customers/{id}/turns``, read by
``static/panel.js``). Every route here calls the same functions as the JSON API, so roles,
book scoping, audit and the maker-checker rules have one home.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import ValidationError

from api.audit_trail import audit
from api.deps import Advisor, ServiceDep, SettingsDep
from api.page_text import draft_pieces, rule_references, word_diff
from api.pages import TEMPLATES, render
from api.routes.action_lists import action_list
from api.routes.customers import list_customers, view_inputs
from api.routes.ratings import store_rating
from api.routes.turns import record_decision
from api.schemas import ActionListKind, DecisionCreate
from copilot.access import customer_for, turn_for
from copilot.customer_view import customer_view, recommendations_view
from copilot.evidence import TurnEvidence
from copilot.ratings.reason_codes import MAX_COMMENT_CHARS, RATING_REASON_CODES
from copilot.ratings.store import RatingCreate
from copilot.records.outcome import full_text
from copilot.service import TurnService
from copilot.turn_result import ApprovalResult
from copilot.users import Actor
from tools.contact_policy.pack import load_contact_policy
from tools.foundation.db import session_scope
from tools.foundation.errors import InvalidInput
from tools.foundation.settings import Settings

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
STATUS_TEXT = {
    "approved": "Approved: sent to the outbox for the CRM to send.",
    "edited": "Approved with your edit: sent to the outbox for the CRM to send.",
    "in_review": "Approved by you: waiting for compliance review before it can be sent.",
    "rejected": "Rejected: nothing will be sent.",
    "pending": "Sent back to you: edit it or reject it.",
}
"""What a draft's status means for the advisor, after a decision."""
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


def rating_key(subject_type: str, subject_id: str) -> str:
    """Return the element id suffix of a rating form (letters, digits and dashes only)."""
    return re.sub(r"[^A-Za-z0-9-]", "-", f"{subject_type}-{subject_id}")


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


def draft_context(evidence: TurnEvidence, customer_country: str) -> dict[str, Any]:
    """Return what the draft template shows: the text in pieces, passages, findings, diff."""
    draft = evidence.draft
    findings = list(evidence.compliance.findings) if evidence.compliance else []
    text = full_text(draft) if draft is not None else ""
    passages = sorted(evidence.citations, key=lambda c: _first_mention(text, c.chunk_id))
    citation_ids = [chunk.chunk_id for chunk in passages]
    return {
        "turn": evidence,
        "draft": draft,
        "text": text,
        "pieces": draft_pieces(text, findings, citation_ids),
        "findings": [
            {"finding": f, "references": rule_references(customer_country, f.rule)}
            for f in findings
        ],
        "passages": passages,
        "revised": len(evidence.drafts) > 1,
        "first_text": full_text(evidence.drafts[0]) if evidence.drafts else "",
        "rating_codes": RATING_REASON_CODES,
        "max_comment": MAX_COMMENT_CHARS,
    }


def _first_mention(text: str, chunk_id: str) -> int:
    """Return where a passage is first cited (uncited last): sources number in reading order."""
    found = text.find(f"[{chunk_id}]")
    return found if found >= 0 else len(text)


def _evidence(
    settings: Settings, service: TurnService, actor: Actor, approval_id: str
) -> tuple[TurnEvidence, str]:
    with session_scope(settings) as session:
        record = turn_for(session, actor, approval_id)
        country = customer_for(session, actor, record.customer_id).country
    return service.evidence(record.id), country


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
    evidence, country = _evidence(settings, service, actor, approval_id)
    audit(settings, actor, "turn.view", "turn", approval_id, "panel")
    return render(request, "panel/draft.html", {"d": draft_context(evidence, country)})


@router.post("/panel/turns/{approval_id}/decision", response_class=HTMLResponse)
def decide_fragment(
    approval_id: str,
    request: Request,
    actor: Advisor,
    settings: SettingsDep,
    service: ServiceDep,
    decision: Annotated[str, Form()],
    reason: Annotated[str, Form(max_length=500)] = "",
    text: Annotated[str, Form(max_length=20_000)] = "",
) -> HTMLResponse:
    """Approve (as drafted or with the edit in the box) or reject; show what happens next."""
    evidence, _ = _evidence(settings, service, actor, approval_id)
    model_text = full_text(evidence.draft) if evidence.draft is not None else ""
    edited = decision == "approve" and text.strip() and _normal(text) != _normal(model_text)
    try:
        wanted = DecisionCreate(
            decision="edit" if edited else decision,
            text=text if edited else None,
            reason=reason.strip() or _default_reason(decision),
        )
    except ValidationError as error:
        raise InvalidInput(_first_problem(error)) from error
    result: ApprovalResult = record_decision(settings, service, actor, approval_id, wanted)
    context = {
        "result": result,
        "status_text": STATUS_TEXT.get(result.status, result.status),
        "diff": word_diff(model_text, text) if edited else None,
        "customer_id": evidence.customer_id,
        "rating_codes": RATING_REASON_CODES,
        "max_comment": MAX_COMMENT_CHARS,
    }
    swap = {"HX-Retarget": f"#draft-{approval_id}", "HX-Reswap": "outerHTML"}
    response = render(request, "panel/decided.html", context)
    response.headers.update(swap)
    return response


def _normal(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n"))


def _default_reason(decision: str) -> str:
    if decision == "reject":
        raise InvalidInput("Say why you reject the draft (the reason is kept with the decision).")
    return "approved in the panel"


def _first_problem(error: ValidationError) -> str:
    problem = error.errors()[0]
    field = ".".join(str(p) for p in problem.get("loc", ()))
    return f"{field}: {problem.get('msg', 'invalid')}"


@router.post("/panel/ratings", response_class=HTMLResponse)
def rate_fragment(
    request: Request,
    actor: Advisor,
    settings: SettingsDep,
    subject_type: Annotated[str, Form()],
    subject_id: Annotated[str, Form(max_length=120)],
    customer_id: Annotated[str, Form(max_length=16)],
    score: Annotated[str, Form()] = "",
    reason_codes: Annotated[list[str] | None, Form()] = None,
    comment: Annotated[str, Form(max_length=1000)] = "",
    product: Annotated[str | None, Form(max_length=32)] = None,
) -> HTMLResponse:
    """Store a 1-5 star rating with reason codes and a short comment; thank the advisor."""
    if not score.isdigit():
        raise InvalidInput("Choose 1 to 5 stars before sending the rating.")
    try:
        rating = RatingCreate(
            subject_type=subject_type,
            subject_id=subject_id,
            customer_id=customer_id,
            product=product or None,
            score=int(score),
            reason_codes=reason_codes or [],
            comment=comment.strip(),
        )
    except ValidationError as error:
        raise InvalidInput(_first_problem(error)) from error
    stored = store_rating(settings, actor, rating)
    key = rating_key(subject_type, subject_id)
    response = render(request, "panel/rated.html", {"rating": stored, "key": key})
    response.headers.update({"HX-Retarget": f"#rate-{key}", "HX-Reswap": "outerHTML"})
    return response


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


TEMPLATES.env.filters["rating_key"] = rating_key
