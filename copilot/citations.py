"""Citation markers in drafts: ``[doc_id@version#n]`` after the sentence that relies on a passage.

The advisor and compliance see the markers (the pages turn them into numbered links); the
customer never does: the text released to the outbox has them removed.
"""

from __future__ import annotations

import re

CITATION = re.compile(r"\[([A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+#\d+)\]")
"""A citation marker; group 1 is the chunk id."""

_MARKER_WITH_SPACE = re.compile(r"[ \t]*\[[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+#\d+\]")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"[ \t]+([.,;:!?])")


def cited_ids(text: str) -> list[str]:
    """Return the chunk ids a text cites, in order of first use, once each.

    Every cited id is kept, retrieved or not, so the gate sees (and blocks) invented sources.
    """
    return list(dict.fromkeys(CITATION.findall(text)))


def without_citations(text: str) -> str:
    """Return the text a customer reads: every citation marker removed, spacing tidied."""
    stripped = _MARKER_WITH_SPACE.sub("", text)
    stripped = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", stripped)
    return "\n".join(line.rstrip() for line in stripped.splitlines())
