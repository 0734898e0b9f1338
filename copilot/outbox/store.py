"""Release approved messages to the outbox and read what may now be sent."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from copilot.citations import without_citations
from copilot.llm.drafting import split_subject
from copilot.outbox.models import OutboxMessage
from copilot.records.outcome import final_text, model_versions
from copilot.review.policy import ADVISOR_ONLY
from copilot.state import TurnState
from copilot.turn_facts import turn_facts


class OutboxPublic(BaseModel):
    """A message that may now be sent, with what it rests on."""

    id: int = Field(description="Outbox id.")
    approval_id: str = Field(description="The turn it comes from.")
    advisor_id: str = Field(description="The advisor it is sent for.")
    customer_id: str = Field(description="The customer it goes to.")
    channel: str = Field(description="email, portal_message or call_script.")
    language: str = Field(description="Language of the text.")
    subject: str | None = Field(description="Subject line (emails).")
    body: str = Field(description="The text to send.")
    evidence: dict[str, Any] = Field(
        description="The recipient's contact id, decisions, citations, rule pack and versions."
    )
    released_at: datetime = Field(description="When it was released.")


def _evidence(state: TurnState) -> dict[str, Any]:
    report = state["compliance"]
    recipient = state.get("recipient")
    return {
        "recipient": recipient.id if recipient is not None else None,
        "decisions": [d.model_dump(mode="json") for d in state.get("decisions", [])],
        "citations": list(state["draft"].citations),
        "rule_pack": report.rule_pack.model_dump(),
        "products": list(state["draft"].products),
        "versions": model_versions(turn_facts(state).jsonable()),
        "prompt": state["draft"].prompt.model_dump(),
    }


def release(session: Session, state: TurnState, at: datetime) -> bool:
    """Put the final text in the outbox once (idempotent); advisor-only notes never go.

    The customer's text has no citation markers: the sources stay in the evidence.
    """
    draft = state["draft"]
    if draft.channel in ADVISOR_ONLY:
        return False
    found = session.scalars(
        select(OutboxMessage.id).where(OutboxMessage.approval_id == state["request_id"])
    )
    if found.first() is not None:
        return True
    text = without_citations(final_text(state))
    subject, body = split_subject(text) if draft.channel == "email" else (None, text)
    session.add(
        OutboxMessage(
            approval_id=state["request_id"],
            advisor_id=state["advisor_id"],
            customer_id=state["customer_id"],
            channel=draft.channel,
            language=draft.language,
            subject=subject,
            body=body,
            evidence=_evidence(state),
            released_at=at,
        )
    )
    return True


def outbox(session: Session, advisor_id: str | None = None, limit: int = 200) -> list[OutboxPublic]:
    """Return released messages, newest first (one advisor's, or all)."""
    query = select(OutboxMessage).order_by(OutboxMessage.released_at.desc(), OutboxMessage.id)
    if advisor_id is not None:
        query = query.where(OutboxMessage.advisor_id == advisor_id)
    return [
        OutboxPublic.model_validate(row, from_attributes=True)
        for row in session.scalars(query.limit(limit))
    ]
