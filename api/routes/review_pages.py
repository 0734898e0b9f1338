"""The compliance review pages: the queue with filters, one item with its evidence.

Server-rendered (Jinja2, autoescaped) with HTMX for the decision. The queue and the decision
call the JSON API's own functions (``api/routes/review.py``), so roles, filters, the
maker-checker rule and the audit have one home; this module only reads what the page shows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import ValidationError
from sqlalchemy import select

from api.audit_trail import audit
from api.deps import Compliance, ServiceDep, SettingsDep
from api.page_text import highlight, rule_references, word_diff
from api.pages import TEMPLATES, render
from api.routes.audit_log import public as audit_public
from api.routes.review import QueueReader, decide_review, list_queue, public
from api.schemas import AuditEntryPublic, ReviewDecisionCreate
from copilot.access import customer_for, scope_customers
from copilot.audit import AuditEntry
from copilot.compliance.models import ComplianceReport
from copilot.compliance.rulepacks import COUNTRIES, load_rule_pack
from copilot.evidence import TurnEvidence
from copilot.records.outcome import full_text, model_versions
from copilot.review.models import ReviewItem
from copilot.review.reason_codes import REVIEW_REASON_CODES, REVIEW_REASON_CODES_VERSION
from copilot.review.store import QUEUE_STATUSES, ReviewFilter
from copilot.service import TurnService
from copilot.state import ApprovalDecision, ReviewDecision
from copilot.users import Actor
from copilot.users.models import User
from tools.book.models import Advisor, Customer
from tools.catalogue.loader import load_catalogue
from tools.foundation.db import session_scope
from tools.foundation.errors import InvalidInput, NotFound
from tools.foundation.settings import Settings

router = APIRouter(tags=["pages"], include_in_schema=False)

STATUS_PATTERN = f"^({'|'.join(QUEUE_STATUSES)})?$"
"""A queue status, or blank for any."""
HOURS_PATTERN = r"^(\d{1,5}(\.\d{1,2})?)?$"
"""Hours as the age filter takes them (blank: any age)."""
TRAIL_LIMIT = 200
"""Most audit entries an item page shows (newest kept)."""
RESULT_TEXT = {
    "approve": "Approved: the message is in the outbox for the CRM to send.",
    "reject": "Rejected: nothing will be sent.",
    "request_changes": "Changes requested: the draft is back with the advisor.",
}
"""What a compliance decision means, shown after it is recorded."""
EXPORTS = ("csv", "jsonl")
"""Formats the queue's decisions export in (the API's export endpoint)."""


@dataclass(frozen=True)
class QueueQuery:
    """The queue page's filter form as submitted (blank means any)."""

    status: str | None
    """Queue status; None when the form was not sent (the page then shows waiting items)."""
    country: str
    """Country code."""
    product: str
    """Product code."""
    rule: str
    """A rule with a finding on the draft."""
    advisor: str
    """Advisor id."""
    older_than_hours: str
    """Queued at least this many hours ago."""
    overdue: bool
    """Only waiting items older than the review-time target."""

    def review_filter(self, target_hours: float) -> ReviewFilter:
        """Return the API's filter; overdue means waiting and at least the target's age."""
        status = "waiting" if self.status is None else self.status or None
        older = float(self.older_than_hours) if self.older_than_hours else None
        if self.overdue:
            status, older = "waiting", max(older or 0.0, target_hours)
        return ReviewFilter(
            status=status,
            country=self.country.upper() or None,
            product=self.product.upper() or None,
            rule=self.rule or None,
            advisor=self.advisor or None,
            older_than_hours=older,
        )


def queue_query(
    status: Annotated[str | None, Query(pattern=STATUS_PATTERN)] = None,
    country: Annotated[str, Query(max_length=2)] = "",
    product: Annotated[str, Query(max_length=32)] = "",
    rule: Annotated[str, Query(max_length=64)] = "",
    advisor: Annotated[str, Query(max_length=16)] = "",
    older_than_hours: Annotated[str, Query(pattern=HOURS_PATTERN)] = "",
    overdue: Annotated[bool, Query()] = False,
) -> QueueQuery:
    """Return the filter form's values (a GET form sends blank fields, which mean any)."""
    return QueueQuery(status, country, product, rule, advisor, older_than_hours, overdue)


def hours(value: float) -> str:
    """Format hours as the queue shows them: ``0.4 h`` under ten hours, else ``30 h``."""
    return f"{value:.1f} h" if value < 10 else f"{value:.0f} h"


TEMPLATES.env.filters["hours"] = hours


def _choices(settings: Settings) -> dict[str, Any]:
    """Return the filter form's options: countries, products, rules and advisors."""
    rules = sorted({rule for country in COUNTRIES for rule in load_rule_pack(country).rules})
    with session_scope(settings) as session:
        advisors = list(session.execute(select(Advisor.id, Advisor.name).order_by(Advisor.id)))
    return {
        "statuses": QUEUE_STATUSES,
        "countries": COUNTRIES,
        "products": sorted(load_catalogue().products.items()),
        "rules": rules,
        "advisors": [(row.id, row.name) for row in advisors],
    }


def customer_names(settings: Settings, actor: Actor, ids: set[str]) -> dict[str, str]:
    """Return the names of these customers that the caller may read, by id."""
    query = scope_customers(select(Customer).where(Customer.id.in_(ids)), actor)
    with session_scope(settings) as session:
        return {customer.id: customer.name for customer in session.scalars(query)}


@router.get("/review", response_class=HTMLResponse)
def queue_page(
    request: Request,
    actor: QueueReader,
    settings: SettingsDep,
    query: Annotated[QueueQuery, Depends(queue_query)],
) -> HTMLResponse:
    """The review queue: filters, each item's age against the target, export links."""
    filters = query.review_filter(settings.review_target_hours)
    items = list_queue(actor, settings, filters)
    export = urlencode(filters.model_dump(exclude_none=True))
    context = {
        "section": "review",
        "query": query,
        "filters": filters,
        "items": items,
        "names": customer_names(settings, actor, {item.customer_id for item in items}),
        "target": settings.review_target_hours,
        "export": {fmt: f"/api/review-queue/export?format={fmt}&{export}" for fmt in EXPORTS},
        **_choices(settings),
    }
    return render(request, "review/queue.html", context)


def _decisions(
    evidence: TurnEvidence,
) -> tuple[ApprovalDecision | None, ReviewDecision | None]:
    """Return the advisor's latest decision and compliance's on it (None: not yet)."""
    advisor: ApprovalDecision | None = None
    review: ReviewDecision | None = None
    for entry in evidence.decisions:
        if isinstance(entry, ApprovalDecision):
            advisor, review = entry, None
        else:
            review = entry
    return advisor, review


def _changes(evidence: TurnEvidence, service: TurnService) -> dict[str, Any]:
    """Return the three texts (model, advisor, compliance) and the word diffs between them."""
    advisor, review = _decisions(evidence)
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
        "changes": _changes(evidence, service),
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


def _normal(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n"))


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
    outgoing = ""
    if decision == "approve" and text.strip():
        outgoing = _changes(service.evidence(approval_id), service)["outgoing"]
    edited = bool(outgoing) and _normal(text) != _normal(outgoing)
    try:
        wanted = ReviewDecisionCreate.model_validate(
            {
                "decision": decision,
                "reason_code": reason_code,
                "comment": comment.strip(),
                "text": _normal(text) if edited else None,
            }
        )
    except ValidationError as error:
        raise InvalidInput(_problem(error)) from error
    result = decide_review(approval_id, wanted, actor, settings, service)
    fragment = bool(request.headers.get("hx-request"))
    context = {
        "result": result,
        "result_text": RESULT_TEXT[result.decision],
        "reason_code": wanted.reason_code,
        "edit_diff": word_diff(outgoing, _normal(text)) if edited else None,
        "fragment": fragment,
    }
    return render(request, "review/_decided.html" if fragment else "review/decided.html", context)


FORM_WORDS = {
    "decision": "Choose approve, reject or request changes",
    "reason_code": "Choose a reason code",
}
"""What to say when a decision form's field is missing or wrong."""


def _problem(error: ValidationError) -> str:
    problem = error.errors()[0]
    field = ".".join(str(p) for p in problem.get("loc", ()))
    return f"{FORM_WORDS.get(field, field)} ({problem.get('msg', 'invalid')})."
