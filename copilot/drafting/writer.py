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
from copilot.drafting.facts import advisor_notes, build_draft_input, gap_notes, quoted_prices
from copilot.drafting.formats import FORMATS
from copilot.drafting.notices import with_required_notices
from copilot.drafting.why_now import coverage_score, why_now
from copilot.events import DraftResetEvent, DraftTokenEvent
from copilot.llm.drafting import DraftRequest, split_subject, stream_draft
from copilot.llm.errors import LLMUnavailable
from copilot.records.outcome import full_text
from copilot.state import Draft, TurnState
from copilot.turn_facts import turn_facts

logger = logging.getLogger(__name__)

StreamWriter = Callable[[Any], None]
"""LangGraph's custom stream writer (a no-op when the caller does not stream)."""


def offline_draft(state: TurnState, insurer: str, *, attempt: int, sell: bool) -> Draft:
    """Compose the template draft from the turn's facts and retrieved passages."""
    channel = decide_channel(state)
    language = decide_language(state, channel)
    facts = turn_facts(state)
    # the decision tool's reasons are English: other languages say why now instead
    notes = advisor_notes(state.get("actions", [])) if language == "en" else []
    if state["plan"].intent == "explain_gap":
        notes = gap_notes(facts.coverage_gaps, language) + notes  # what the advisor asked
    existing = state["customer"].is_existing_customer
    draft_input = build_draft_input(
        channel=channel,
        language=language,
        customer=state["customer"],
        insurer=insurer,
        products=draft_products(state),
        chunks=state.get("chunks", []),
        quote=turn_facts(state).quote,
        sales_allowed=sell,
        reviews=review_products(state),
        notes=notes if channel == "talking_points" else [],
        recipient=state.get("recipient"),
        why=why_now(facts, state["customer"], language),
        coverage_score=coverage_score(facts) if existing else None,
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


CHANNEL_LENGTH: dict[str, str] = {name: f.length_words for name, f in FORMATS.items()}
"""The length limit each channel's prompt states (copilot/drafting/formats.py, shared)."""


def llm_facts(state: TurnState, language: str) -> dict[str, Any]:
    """Return the few facts the LLM may quote: tool figures, never CRM text or contact data.

    Only the recipient's first name leaves the book (for the greeting); prices and the
    why-now sentences are the strings the offline drafter writes, so both paths quote the
    tools the same way.
    """
    customer = state["customer"]
    recipient = state.get("recipient")
    quote = turn_facts(state).quote
    reasons = [
        f"{r.product}: {r.reasons[0]}" for r in state.get("recommendations", []) if r.reasons
    ]
    return {
        "customer": {"name": customer.name, "country": customer.country},
        "contact_first_name": recipient.first_name if recipient is not None else None,
        "why_now": why_now(turn_facts(state), customer, language),
        "products": draft_products(state),
        "reasons": reasons[:3],
        "indicative_prices": quoted_prices(quote, language),
        "sales_allowed": may_sell(state),
    }


def _request_words(intent: str, products: Sequence[str]) -> str:
    """Return what the advisor asked for in a few words (never the advisor's free text)."""
    return f"{intent.replace('_', ' ')} about {', '.join(products) or 'a cover review'}"


def llm_draft(
    llm: LanguageModel,
    state: TurnState,
    insurer: str,
    *,
    attempt: int,
    findings: Sequence[str],
    write: StreamWriter,
) -> Draft:
    """Stream a draft from the LLM in the customer's language; token deltas go to the stream.

    The model phrases the offline draft of the same facts (its reference, in the same
    language, with the required sentences and citations); a revision sends the failed draft
    and the gate's findings with it.

    Raises:
        LLMUnavailable: the model failed before or during the stream, or the request would
            exceed its token budget.
    """
    reference = offline_draft(state, insurer, attempt=attempt, sell=may_sell(state))
    request = DraftRequest(
        channel=reference.channel,
        language=reference.language,
        words=CHANNEL_LENGTH[reference.channel],
        facts=llm_facts(state, reference.language),
        reference=full_text(reference),
        request=_request_words(state["plan"].intent, reference.products),
        insurer=insurer,
    )
    previous = state.get("draft") if findings else None
    stream = stream_draft(
        llm,
        request,
        state.get("chunks", []),
        revise=full_text(previous) if previous is not None else None,
        findings=findings,
    )
    for delta in stream:
        write(DraftTokenEvent(attempt=attempt, text=delta))
    generation = stream.generation
    if generation.finish_reason == "length":  # a draft cut off mid-sentence is not a draft
        raise LLMUnavailable(
            "malformed", f"the draft was cut off at {generation.prompt.id}'s max_tokens"
        )
    subject, body = (
        split_subject(generation.text) if reference.channel == "email" else (None, generation.text)
    )
    body = with_required_notices(body, reference.channel, reference.language, insurer)
    return Draft(
        channel=reference.channel,
        language=reference.language,
        subject=subject,
        body=body,
        citations=cited_ids(generation.text),
        products=reference.products,
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
