"""Phrase an outreach draft from tool facts and retrieved passages with the model."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from pydantic import BaseModel, Field

from copilot.llm.client import render_messages
from copilot.llm.protocol import LanguageModel
from copilot.llm.result import Generation
from copilot.llm.streaming import LLMStream
from copilot.plan import Channel
from prompts.budget import approx_message_tokens
from prompts.registry import PromptTemplate, load_prompt

DRAFT_PROMPT_IDS: dict[Channel, str] = {
    "email": "draft_email",
    "call_script": "draft_call_script",
    "portal_message": "draft_portal_message",
    "talking_points": "talking_points",
}
"""Prompt id for each outreach channel."""

PASSAGE_CHARS: tuple[int, ...] = (400, 250, 120)
"""Characters kept of each cited passage, tried in turn until the request fits its budget."""

REVISE_PROMPT_ID = "revise_draft"
"""Prompt id of the revision after a failed compliance check."""

LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "sv": "Swedish (svenska)",
    "nb": "Norwegian Bokmål (norsk bokmål)",
    "da": "Danish (dansk)",
    "fi": "Finnish (suomi)",
    "is": "Icelandic (íslenska)",
}
"""How a prompt names each language the drafts are written in."""

FINDING_CHARS = 240
"""Characters kept of each compliance finding sent with a revision request."""


_CITATION = re.compile(r"\[([^\[\]\s]+)\]")
_SUBJECT = re.compile(r"^\s*subject\s*:\s*(.+)$", re.IGNORECASE)


class Citable(Protocol):
    """A retrieved passage: anything with a ``chunk_id`` and a ``text`` (``knowledge.Chunk``)."""

    @property
    def chunk_id(self) -> str:
        """Return the id the draft cites in brackets."""
        ...

    @property
    def text(self) -> str:
        """Return the passage text."""
        ...


class DraftRequest(BaseModel):
    """What the model is asked to phrase: one channel, one language, decided facts.

    ``reference`` is the offline drafter's text of the same facts in the same language: it
    carries the required sentences the model must keep and cites the passages it relies on.
    """

    channel: Channel = Field(description="Outreach format.")
    language: str = Field(description="Language code the text must be written in.")
    words: str = Field(description="The channel's length limit, in words or bullets.")
    facts: dict[str, Any] = Field(description="Minimal tool facts the text may quote.")
    reference: str = Field(description="The offline draft of the same facts and language.")
    request: str = Field(description="What the advisor asked for, in a few words.")
    insurer: str = Field(description="The insurer that carries the risk.")


def draft_prompt(channel: Channel) -> PromptTemplate:
    """Return the latest draft prompt for an outreach channel."""
    return load_prompt(DRAFT_PROMPT_IDS[channel])


def format_documents(passages: Sequence[Citable], chars: int = PASSAGE_CHARS[0]) -> str:
    """Render passages as ``[chunk_id] text`` lines the prompt tells the model to cite."""
    if not passages:
        return "(none)"
    lines = []
    for passage in passages:
        text = " ".join(passage.text.split())[:chars]
        lines.append(f"[{passage.chunk_id}] {text}")
    return "\n".join(lines)


def cited_passages(passages: Sequence[Citable], text: str) -> list[Citable]:
    """Return the passages a text cites, in citation order: what the message needs."""
    by_id = {passage.chunk_id: passage for passage in passages}
    return [by_id[cid] for cid in dict.fromkeys(_CITATION.findall(text)) if cid in by_id]


def fit_to_budget(
    prompt: PromptTemplate, variables: dict[str, Any], passages: Sequence[Citable]
) -> dict[str, Any]:
    """Return the variables with the passages trimmed until the request fits its budget.

    Passages are cut shorter step by step (``PASSAGE_CHARS``), then left out; what still
    does not fit is refused by the adapter (``too_long``) rather than sent.
    """
    for chars in PASSAGE_CHARS:
        fitted = variables | {"documents": format_documents(passages, chars)}
        tokens = approx_message_tokens(render_messages(prompt, fitted))
        if tokens <= prompt.max_prompt_tokens:
            return fitted
    return variables | {"documents": "(none)"}


def draft_variables(draft: DraftRequest, passages: Sequence[Citable]) -> dict[str, Any]:
    """Return the variables of a draft prompt: the request's fields and the cited passages."""
    return {
        "language": LANGUAGE_NAMES.get(draft.language, draft.language),
        "words": draft.words,
        "facts": draft.facts,
        "reference": draft.reference,
        "request": draft.request,
        "insurer": draft.insurer,
        "channel": draft.channel.replace("_", " "),
        "documents": format_documents(cited_passages(passages, draft.reference)),
    }


def draft_message(
    llm: LanguageModel, draft: DraftRequest, passages: Sequence[Citable]
) -> Generation:
    """Phrase a whole draft for a channel.

    Raises:
        LLMUnavailable: Any transport failure, an empty answer or a request over budget.
    """
    prompt = draft_prompt(draft.channel)
    variables = fit_to_budget(
        prompt, draft_variables(draft, passages), cited_passages(passages, draft.reference)
    )
    return llm.complete(prompt, variables)


def stream_draft(
    llm: LanguageModel,
    draft: DraftRequest,
    passages: Sequence[Citable],
    *,
    revise: str | None = None,
    findings: Sequence[str] = (),
) -> LLMStream:
    """Start streaming a draft, or the revision of ``revise`` against its ``findings``.

    Raises:
        LLMUnavailable: The request failed or is over budget (iteration raises it too,
            mid-stream).
    """
    needed = cited_passages(passages, draft.reference)
    variables = draft_variables(draft, passages)
    if revise is None:
        prompt = draft_prompt(draft.channel)
    else:
        prompt = load_prompt(REVISE_PROMPT_ID)
        variables |= {
            "draft": revise,
            "findings": "\n".join(f"- {f[:FINDING_CHARS]}" for f in findings) or "(none)",
        }
    return llm.stream(prompt, fit_to_budget(prompt, variables, needed))


def split_subject(text: str) -> tuple[str | None, str]:
    """Split a drafted text into its ``Subject:`` line (if it starts with one) and the body."""
    first, _, rest = text.strip().partition("\n")
    match = _SUBJECT.match(first)
    if match is None:
        return None, text.strip()
    return match.group(1).strip(), rest.strip()


def cited_chunk_ids(text: str, retrieved: Iterable[str]) -> list[str]:
    """Return the bracketed ids in a draft that name retrieved passages, in order, once each.

    Bracketed words that are not retrieved chunk ids (``[email]``, ``[Your Name]``) are ignored;
    the compliance gate judges citations of unknown ids on its own.
    """
    known = set(retrieved)
    return list(dict.fromkeys(cid for cid in _CITATION.findall(text) if cid in known))
