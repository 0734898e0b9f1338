"""The compliance review of one queued draft: message, evidence, diffs, decision, trail.

The message shows its findings inline, the evidence stands beside it, and the three texts
(model draft, advisor edit, compliance edit) are shown as word diffs.

The decision calls the JSON API's own ``decide_review``, so the maker-checker rule (no one
checks their own draft), refusals and the audit have one home.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from api.audit_trail import audit
from api.deps import Compliance, ServiceDep, SettingsDep
from api.forms import edit_of, form_model
from api.page_text import highlight, rule_references, word_diff
from api.pages import render
from api.routes.audit_log import public as audit_public
from api.routes.review import QueueReader, decide_review, public
from api.schemas import AuditEntryPublic, ReviewDecisionCreate
from copilot.access import customer_for
from copilot.audit import AuditEntry
from copilot.compliance.models import ComplianceReport
from copilot.evidence import TurnEvidence
from copilot.records.outcome import full_text, model_versions
from copilot.review.models import ReviewItem
from copilot.review.reason_codes import REVIEW_REASON_CODES, REVIEW_REASON_CODES_VERSION
from copilot.service import TurnService
from copilot.users import Actor
from copilot.users.models import User
from tools.foundation.db import session_scope
from tools.foundation.errors import NotFound
from tools.foundation.settings import Settings

router = APIRouter(tags=["pages"], include_in_schema=False)

TRAIL_LIMIT = 200
"""Most audit entries an item page shows (newest kept)."""
RESULT_TEXT = {
    "approve": "Approved: the message is in the outbox for the CRM to send.",
    "reject": "Rejected: nothing will be sent.",
    "request_changes": "Changes requested: the draft is back with the advisor.",
}
"""What a compliance decision means, shown after it is recorded."""


def _changes(evidence: TurnEvidence) -> dict[str, Any]:
    """Return the three texts (model, advisor, compliance) and the word diffs between them."""
    advisor, review = evidence.latest_decisions()
    model = full_text(evidence.draft) if evidence.draft is not None else ""
    made = advisor.edited_text if advisor is not None and advisor.edited_text else None
    checked = review.edited_text if review is not None and review.edited_text else None
    return {
        "outgoing": checked or made or model,
        "advisor_diff": word_diff(model, made) if made and made != model else None,
        "review_diff": word_diff(made or model, checked) if checked else None,
    }


def _rules(report: ComplianceReport | None) -> list[dict[str, Any]]:
    """Return every rule the gate ran (and any only a finding names), each pass or fail."""
    if report is None:
        return []
    failed = {finding.rule for finding in report.findings}
    checked = {r.id: r.version for r in report.checked_rules}
    extra = {rule: "" for rule in sorted(failed - set(checked))}
    return [{"id": k, "version": v, "failed": k in failed} for k, v in (checked | extra).items()]


def audit_trail(settings: Settings, approval_id: str) -> list[tuple[AuditEntryPublic, str]]:
    """Return the audit entries about one turn, oldest first, with each actor's name."""
    query = (
        select(AuditEntry)
        .where(AuditEntry.subject_id == approval_id)
        .order_by(AuditEntry.seq.desc())
        .limit(TRAIL_LIMIT)
    )
    with session_scope(settings) as session:
        entries = [audit_public(entry) for entry in session.scalars(query)][::-1]
        ids = {entry.actor_id for entry in entries}
        rows = session.execute(select(User.id, User.name).where(User.id.in_(ids)))
        names = {row.id: row.name for row in rows}
    return [(entry, names.get(entry.actor_id, entry.actor_id)) for entry in entries]


def _item_context(
    settings: Settings, service: TurnService, actor: Actor, approval_id: str
) -> dict[str, Any]:
    """Return what the item page shows: the queue entry, the draft, its evidence and texts."""
    with session_scope(settings) as session:
        item = session.get(ReviewItem, approval_id)
        if item is None:
            raise NotFound(f"Draft {approval_id!r} is not in the review queue.")
        entry, maker, comment = public(item, settings), item.maker_id, item.comment
        row = customer_for(session, actor, item.customer_id)
        customer, notes = row.name, row.crm_notes
    evidence = service.evidence(approval_id)
    report = evidence.compliance
    findings = list(report.findings) if report is not None else []
    text = full_text(evidence.draft) if evidence.draft is not None else ""
    return {
        "section": "review",
        "item": entry,
        "customer": customer,
        "notes": notes,
        "maker_is_me": maker == actor.user_id,
        "comment": comment,
        "turn": evidence,
        "segments": highlight(text, findings),
        "findings": [(f, rule_references(entry.country, f.rule)) for f in findings],
        "rules": _rules(report),
        "facts_json": json.dumps(evidence.facts, indent=2, ensure_ascii=False),
        "versions": model_versions(evidence.facts),
        "changes": _changes(evidence),
        "reason_codes": REVIEW_REASON_CODES,
        "reason_codes_version": REVIEW_REASON_CODES_VERSION,
    }


@router.get("/review/{approval_id}", response_class=HTMLResponse)
def item_page(
    approval_id: str,
    request: Request,
    actor: QueueReader,
    settings: SettingsDep,
    service: ServiceDep,
) -> HTMLResponse:
    """One queue item: the message with its findings, the evidence, the diff, the decision."""
    context = _item_context(settings, service, actor, approval_id)
    audit(settings, actor, "turn.view", "turn", approval_id, "review")
    context["trail"] = audit_trail(settings, approval_id)
    return render(request, "review/item.html", context)


@router.post("/review/{approval_id}/decision", response_class=HTMLResponse)
def decide_page(
    approval_id: str,
    request: Request,
    actor: Compliance,
    settings: SettingsDep,
    service: ServiceDep,
    decision: Annotated[str, Form(max_length=24)] = "",
    reason_code: Annotated[str, Form(max_length=48)] = "",
    comment: Annotated[str, Form(max_length=1000)] = "",
    text: Annotated[str, Form(max_length=20_000)] = "",
) -> HTMLResponse:
    """Record compliance's decision through the API's own function; show what happens next.

    The text box holds the message as it would go out; it counts as an edit only when
    approving, and only when it differs from that message.
    """
    edited, outgoing = None, ""
    if decision == "approve":
        outgoing = _changes(service.evidence(approval_id))["outgoing"]
        edited = edit_of(text, outgoing)
    wanted = form_model(
        ReviewDecisionCreate,
        {
            "decision": decision,
            "reason_code": reason_code,
            "comment": comment.strip(),
            "text": edited,
        },
        FORM_WORDS,
    )
    result = decide_review(approval_id, wanted, actor, settings, service)
    fragment = bool(request.headers.get("hx-request"))
    context = {
        "result": result,
        "result_text": RESULT_TEXT[result.decision],
        "reason_code": wanted.reason_code,
        "edit_diff": word_diff(outgoing, edited) if edited else None,
        "fragment": fragment,
    }
    return render(request, "review/_decided.html" if fragment else "review/decided.html", context)


FORM_WORDS = {
    "decision": "Choose approve, reject or request changes",
    "reason_code": "Choose a reason code",
}
"""What to say when a decision form's field is missing or wrong."""
