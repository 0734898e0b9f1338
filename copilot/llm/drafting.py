"""Phrase an outreach draft from tool facts and retrieved passages with the model."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from copilot.llm.protocol import LanguageModel
from copilot.llm.result import Generation
from copilot.llm.streaming import LLMStream
from copilot.plan import Channel
from prompts.registry import PromptTemplate, load_prompt

DRAFT_PROMPT_IDS: dict[Channel, str] = {
    "email": "draft_email",
    "call_script": "draft_call_script",
    "portal_message": "draft_portal_message",
    "talking_points": "talking_points",
}
"""Prompt id for each outreach channel."""

PASSAGE_CHARS = 400
"""Characters of each retrieved passage sent to the model (small models, short prompts)."""


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


def draft_prompt(channel: Channel) -> PromptTemplate:
    """Return the latest draft prompt for an outreach channel."""
    return load_prompt(DRAFT_PROMPT_IDS[channel])


def format_documents(passages: Sequence[Citable]) -> str:
    """Render passages as ``[chunk_id] text`` lines the prompt tells the model to cite."""
    if not passages:
        return "(none)"
    lines = []
    for passage in passages:
        text = " ".join(passage.text.split())[:PASSAGE_CHARS]
        lines.append(f"[{passage.chunk_id}] {text}")
    return "\n".join(lines)


def draft_variables(
    facts: dict[str, Any], passages: Sequence[Citable], request: str, insurer: str
) -> dict[str, Any]:
    """Return the variables of a draft prompt (the client minimises them before sending).

    Args:
        facts: Tool outputs the draft may quote (figures are copied verbatim).
        passages: Retrieved knowledge passages the draft may cite.
        request: The advisor's request, e.g. "email about cyber cover".
        insurer: The insurer that carries the risk (``settings.insurer_name``).

    Returns:
        ``{"facts", "documents", "request", "insurer"}``.
    """
    return {
        "facts": facts,
        "documents": format_documents(passages),
        "request": request,
        "insurer": insurer,
    }


def draft_message(
    llm: LanguageModel,
    channel: Channel,
    facts: dict[str, Any],
    passages: Sequence[Citable],
    request: str,
    insurer: str,
) -> Generation:
    """Phrase a whole draft for a channel.

    Raises:
        LLMUnavailable: Any transport failure or an empty answer.
    """
    return llm.complete(draft_prompt(channel), draft_variables(facts, passages, request, insurer))


def stream_draft(
    llm: LanguageModel,
    channel: Channel,
    facts: dict[str, Any],
    passages: Sequence[Citable],
    request: str,
    insurer: str,
) -> LLMStream:
    """Start streaming a draft for a channel; iterate for token deltas.

    Raises:
        LLMUnavailable: The request failed (iteration raises it too, mid-stream).
    """
    return llm.stream(draft_prompt(channel), draft_variables(facts, passages, request, insurer))


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
