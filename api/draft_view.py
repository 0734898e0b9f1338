"""A draft as the panel shows it: findings marked, citations linked, passages in order.

Also the element ids of the rating forms (one filter for the templates and the routes).
"""

from __future__ import annotations

import re
from typing import Any

from api.page_text import draft_pieces, rule_references
from api.pages import TEMPLATES
from copilot.access import customer_for, turn_for
from copilot.evidence import TurnEvidence
from copilot.ratings.reason_codes import MAX_COMMENT_CHARS, RATING_REASON_CODES
from copilot.records.outcome import full_text
from copilot.service import TurnService
from copilot.users import Actor
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings


def rating_key(subject_type: str, subject_id: str) -> str:
    """Return the element id suffix of a rating form (letters, digits and dashes only)."""
    return re.sub(r"[^A-Za-z0-9-]", "-", f"{subject_type}-{subject_id}")


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


def draft_evidence(
    settings: Settings, service: TurnService, actor: Actor, approval_id: str
) -> tuple[TurnEvidence, str]:
    """Return an advisor's draft with its evidence, and its customer's country (own book)."""
    with session_scope(settings) as session:
        record = turn_for(session, actor, approval_id)
        country = customer_for(session, actor, record.customer_id).country
    return service.evidence(record.id), country


TEMPLATES.env.filters["rating_key"] = rating_key
