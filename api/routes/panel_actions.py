"""The panel's forms: the advisor's decision on a draft, and a rating.

Both call the JSON API's own functions (``record_decision``, ``store_rating``), so book
scoping, the maker-checker rules and the audit have one home; these routes only read the
form and say what happens next.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from api.deps import Advisor, ServiceDep, SettingsDep
from api.draft_view import draft_evidence, rating_key
from api.forms import edit_of, form_model
from api.page_text import word_diff
from api.pages import render
from api.routes.ratings import store_rating
from api.routes.turns import record_decision
from api.schemas import DecisionCreate
from copilot.ratings.reason_codes import MAX_COMMENT_CHARS, RATING_REASON_CODES
from copilot.ratings.store import RatingCreate
from copilot.records.outcome import full_text
from tools.foundation.errors import InvalidInput

router = APIRouter(tags=["pages"], include_in_schema=False)

STATUS_TEXT = {
    "approved": "Approved: sent to the outbox for the CRM to send.",
    "edited": "Approved with your edit: sent to the outbox for the CRM to send.",
    "in_review": "Approved by you: waiting for compliance review before it can be sent.",
    "rejected": "Rejected: nothing will be sent.",
    "pending": "Sent back to you: edit it or reject it.",
}
"""What a draft's status means for the advisor, after a decision."""


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
    evidence, _ = draft_evidence(settings, service, actor, approval_id)
    model_text = full_text(evidence.draft) if evidence.draft is not None else ""
    edited = edit_of(text, model_text) if decision == "approve" else None
    wanted = form_model(
        DecisionCreate,
        {
            "decision": "edit" if edited else decision,
            "text": edited,
            "reason": reason.strip() or _default_reason(decision),
        },
    )
    result = record_decision(settings, service, actor, approval_id, wanted)
    context = {
        "result": result,
        "status_text": STATUS_TEXT.get(result.status, result.status),
        "diff": word_diff(model_text, edited) if edited else None,
        "customer_id": evidence.customer_id,
        "rating_codes": RATING_REASON_CODES,
        "max_comment": MAX_COMMENT_CHARS,
    }
    swap = {"HX-Retarget": f"#draft-{approval_id}", "HX-Reswap": "outerHTML"}
    response = render(request, "panel/decided.html", context)
    response.headers.update(swap)
    return response


def _default_reason(decision: str) -> str:
    if decision == "reject":
        raise InvalidInput("Say why you reject the draft (the reason is kept with the decision).")
    return "approved in the panel"


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
    rating = form_model(
        RatingCreate,
        {
            "subject_type": subject_type,
            "subject_id": subject_id,
            "customer_id": customer_id,
            "product": product or None,
            "score": int(score),
            "reason_codes": reason_codes or [],
            "comment": comment.strip(),
        },
    )
    stored = store_rating(settings, actor, rating)
    key = rating_key(subject_type, subject_id)
    response = render(request, "panel/rated.html", {"rating": stored, "key": key})
    response.headers.update({"HX-Retarget": f"#rate-{key}", "HX-Reswap": "outerHTML"})
    return response
