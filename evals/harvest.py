"""Turn reviewers' decisions into candidate eval cases for a person to accept.

``copilot eval harvest`` reads the review queue's decided items and the advisors' edits:
- a draft compliance rejected or sent back becomes a ``compliance`` case expected to block
  (with the reason code, the comment and the rules the reason code points to, as a
  suggestion), and a ``drafts`` case (the request, and what the reviewer objected to);
- a draft compliance approved with an edit gives two ``compliance`` cases: the text before
  the edit (block) and after it (pass);
- a draft the advisor edited before approving gives a ``drafts`` case with the edit as the
  reference text.
Candidates are de-duplicated by normalised text against the compliance dataset and every
earlier harvest, and written as JSON lines under ``<data dir>/reports/evals/harvest/``. They
are never added to a dataset automatically: ``needs_review`` stays true until a person
labels and moves them.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import select

from copilot.records.outcome import full_text
from copilot.review.models import ReviewItem
from copilot.service import TurnService
from evals.compliance.suite import load_dataset as load_compliance
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings

REASON_RULES: dict[str, list[str]] = {
    "misleading": ["claims.absolute", "claims.comparison", "claims.urgency"],
    "ungrounded_figure": ["figures.ungrounded"],
    "missing_disclosure": [
        "disclosure.insurer_identity",
        "disclosure.marketing_label",
        "disclosure.opt_out",
        "disclosure.indicative_price",
    ],
    "no_lawful_basis": ["channel.consent", "channel.objection"],
    "personal_data": ["privacy.personal_identifier", "privacy.special_category"],
}
"""The gate rules a review reason code usually means (a suggestion for the labeller)."""


class Candidate(BaseModel):
    """A case harvested from a decision, waiting for a person to label and accept it."""

    id: str = Field(description="harvest-<approval id>-<what>.")
    suite: Literal["compliance", "drafts"] = Field(description="The dataset it would join.")
    approval_id: str = Field(description="The turn it comes from.")
    decided_at: datetime | None = Field(description="When the decision was made.")
    reason_code: str | None = Field(description="The reviewer's reason code.")
    comment: str = Field("", description="The reviewer's words.")
    language: str = Field(description="Language of the text.")
    channel: str = Field(description="Outreach format.")
    country: str = Field(description="The customer's country (rule pack).")
    message: str = Field(description="The advisor's request.")
    text: str = Field(description="The text the case is about.")
    reference: str | None = Field(None, description="A better text (an edit), for drafts.")
    expected: Literal["pass", "block"] | None = Field(description="Verdict (compliance cases).")
    suggested_rules: list[str] = Field(default_factory=list, description="From the reason code.")
    facts: dict[str, Any] = Field(default_factory=dict, description="The turn's tool outputs.")
    needs_review: bool = Field(True, description="A person must label and accept it.")


def normalised(text: str) -> str:
    """Return the text lower-cased with whitespace collapsed (the de-duplication key)."""
    return re.sub(r"\s+", " ", text).strip().lower()


def _key(candidate: Candidate) -> str:
    body = f"{candidate.suite}|{candidate.expected}|{normalised(candidate.text)}"
    return hashlib.sha256(body.encode()).hexdigest()


def _candidates(item: ReviewItem, service: TurnService) -> list[Candidate]:
    evidence = service.evidence(item.approval_id)
    if evidence.draft is None:
        return []
    model_text = full_text(evidence.draft)
    advisor, review = evidence.latest_decisions()
    sent = advisor.edited_text if advisor and advisor.edited_text else model_text
    base = {
        "approval_id": item.approval_id,
        "decided_at": item.decided_at,
        "reason_code": item.reason_code,
        "comment": item.comment or "",
        "language": evidence.draft.language,
        "channel": evidence.draft.channel,
        "country": item.country,
        "message": evidence.message,
        "facts": evidence.facts,
    }
    rules = REASON_RULES.get(item.reason_code or "", [])

    def case(what: str, suite: str, text: str, expected: str | None, **extra: Any) -> Candidate:
        return Candidate.model_validate(
            {
                "id": f"harvest-{item.approval_id}-{what}",
                "suite": suite,
                "text": text,
                "expected": expected,
                **base,
                **extra,
            }
        )

    found: list[Candidate] = []
    if item.status in ("rejected", "changes_requested"):
        found.append(case("block", "compliance", sent, "block", suggested_rules=rules))
        found.append(case("draft", "drafts", sent, None))
    elif item.status == "approved" and review is not None and review.edited_text:
        found.append(case("before", "compliance", sent, "block", suggested_rules=rules))
        found.append(case("after", "compliance", review.edited_text, "pass"))
    if advisor is not None and advisor.edited_text and advisor.edited_text != model_text:
        found.append(case("edit", "drafts", model_text, None, reference=advisor.edited_text))
    return found


def _known(folder: Path) -> set[str]:
    """Return the keys of the compliance dataset's texts and of every earlier harvest."""
    keys = {
        hashlib.sha256(f"compliance|{c.expected}|{normalised(c.text)}".encode()).hexdigest()
        for c in load_compliance().cases
    }
    for path in folder.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                keys.add(_key(Candidate.model_validate_json(line)))
    return keys


def harvest(settings: Settings, service: TurnService | None = None) -> tuple[Path | None, int, int]:
    """Write new candidates; return the file (None when nothing is new), new and skipped."""
    service = service or TurnService(settings, llm=None)
    folder = settings.reports_dir / "evals" / "harvest"
    folder.mkdir(parents=True, exist_ok=True)
    known = _known(folder)
    with session_scope(settings) as session:
        items = list(session.scalars(select(ReviewItem).where(ReviewItem.decided_at.is_not(None))))
        session.expunge_all()
    new: list[Candidate] = []
    skipped = 0
    for item in sorted(items, key=lambda i: (i.decided_at or datetime.min, i.approval_id)):
        for candidate in _candidates(item, service):
            key = _key(candidate)
            if key in known:
                skipped += 1
                continue
            known.add(key)
            new.append(candidate)
    if not new:
        return None, 0, skipped
    target = folder / f"candidates-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.jsonl"
    partial = target.with_suffix(".partial")  # never a half-written candidates file
    partial.write_text("".join(c.model_dump_json() + "\n" for c in new), encoding="utf-8")
    partial.replace(target)
    return target, len(new), skipped
