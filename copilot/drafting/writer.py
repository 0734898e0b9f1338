"""Write a draft: the LLM when configured (streamed), else or on a fault the offline drafter."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from copilot.citations import cited_ids
from copilot.context import LanguageModel
from copilot.drafting.choices import (
    decide_channel,
    decide_language,
    draft_products,
    may_sell,
    review_products,
)
from copilot.drafting.compose import compose_draft
from copilot.drafting.facts import advisor_notes, build_draft_input, gap_notes
from copilot.events import DraftResetEvent, DraftTokenEvent
from copilot.llm.drafting import split_subject, stream_draft
from copilot.llm.errors import LLMUnavailable
from copilot.state import Draft, TurnState
from copilot.turn_facts import turn_facts

logger = logging.getLogger(__name__)

StreamWriter = Callable[[Any], None]
"""LangGraph's custom stream writer (a no-op when the caller does not stream)."""

LLM_LANGUAGE = "en"
"""The LLM writes English (always supported); the offline templates write the customer's."""

def offline_draft(state: TurnState, insurer: str, *, attempt: int, sell: bool) -> Draft:
    """Compose the template draft from the turn's facts and retrieved passages."""
    channel = decide_channel(state)
    notes = advisor_notes(state.get("actions", []))
    if state["plan"].intent == "explain_gap":
        notes = gap_notes(turn_facts(state).coverage_gaps) + notes
    draft_input = build_draft_input(
        channel=channel,
        language=decide_language(state, channel),
        customer=state["customer"],
        insurer=insurer,
        products=draft_products(state),
        chunks=state.get("chunks", []),
        quote=turn_facts(state).quote,
        sales_allowed=sell,
        reviews=review_products(state),
        notes=notes if channel == "talking_points" else [],
    )
    composed = compose_draft(draft_input)
    return Draft(
        channel=channel,
        language=composed.language,
        subject=composed.subject,
        body=composed.body,
        citations=composed.citations,
        products=[p.code for p in draft_input.products],
        prompt=composed.template,
        source="offline",
        attempt=attempt,
    )


def llm_facts(state: TurnState) -> dict[str, Any]:
    """Return the facts the LLM may use: tool figures, never CRM free text or contact data."""
    facts = turn_facts(state).jsonable()
    customer = state["customer"]
    return {
        "customer": {"name": customer.name, "country": customer.country},
        "recommendations": [
            r.model_dump(exclude={"score"}) for r in state.get("recommendations", [])
        ],
        "quote": facts.get("quote"),
        "coverage_gaps": facts.get("coverage_gaps"),
        "sales_allowed": may_sell(state),
    }


def llm_draft(
    llm: LanguageModel,
    state: TurnState,
    insurer: str,
    *,
    attempt: int,
    findings: Sequence[str],
    write: StreamWriter,
) -> Draft:
    """Stream a draft from the LLM; token deltas go to the caller's stream.

    Raises:
        LLMUnavailable: the model failed before or during the stream.
    """
    channel = decide_channel(state)
    language = LLM_LANGUAGE
    request = f"{state['plan'].intent} for products {draft_products(state)}, in English"
    if findings:
        request += ". Revise: the compliance check found: " + " | ".join(findings)
    stream = stream_draft(llm, channel, llm_facts(state), state.get("chunks", []), request, insurer)
    for delta in stream:
        write(DraftTokenEvent(attempt=attempt, text=delta))
    generation = stream.generation
    subject, body = (
        split_subject(generation.text) if channel == "email" else (None, generation.text)
    )
    return Draft(
        channel=channel,
        language=language,
        subject=subject,
        body=body,
        citations=cited_ids(generation.text),
        products=draft_products(state),
        prompt=generation.prompt,
        source="llm",
        model=generation.model,
        attempt=attempt,
    )


def write_draft(
    state: TurnState,
    llm: LanguageModel | None,
    insurer: str,
    write: StreamWriter,
    *,
    attempt: int = 1,
    findings: Sequence[str] = (),
    sell: bool | None = None,
) -> dict[str, Any]:
    """Return the state update of a new draft, falling back to the offline drafter on a fault."""
    notices: list[str] = []
    if llm is not None and not state.get("llm_fallback"):
        try:
            draft = llm_draft(llm, state, insurer, attempt=attempt, findings=findings, write=write)
            return {"draft": draft, "drafts": [draft]}
        except LLMUnavailable as fault:
            logger.warning("drafting fell back to the offline drafter: %s", fault)
            notices.append(str(fault))
            write(DraftResetEvent(attempt=attempt, reason=fault.reason))
    draft = offline_draft(
        state, insurer, attempt=attempt, sell=may_sell(state) if sell is None else sell
    )
    for line in draft.body.splitlines(keepends=True):
        write(DraftTokenEvent(attempt=attempt, text=line))
    update: dict[str, Any] = {"draft": draft, "drafts": [draft]}
    if notices:
        update |= {"notices": notices, "llm_fallback": True}
    return update
