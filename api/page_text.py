"""Text for the pages: findings marked inline, word diffs, the regulation behind a rule.

Pure functions; the templates escape what they return.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

from copilot.citations import CITATION
from copilot.compliance.models import Finding
from copilot.compliance.rulepacks import load_rule_pack


@dataclass(frozen=True)
class Segment:
    """A piece of a draft; ``finding`` is the index of the finding it shows, if any."""

    text: str
    finding: int | None = None


def highlight(text: str, findings: list[Finding]) -> list[Segment]:
    """Split ``text`` so each finding's excerpt (first occurrence) is its own segment.

    Findings without an excerpt, or whose excerpt is not in the text, mark nothing (the page
    lists them beside the text). Overlapping excerpts: the earlier one wins.
    """
    spans: list[tuple[int, int, int]] = []
    for index, finding in enumerate(findings):
        excerpt = finding.excerpt.strip()
        if not excerpt:
            continue
        found = re.search(re.escape(excerpt), text, flags=re.IGNORECASE)
        if found is not None:
            spans.append((found.start(), found.end(), index))
    segments: list[Segment] = []
    cursor = 0
    for start, end, index in sorted(spans):
        if start < cursor:
            continue
        if start > cursor:
            segments.append(Segment(text[cursor:start]))
        segments.append(Segment(text[start:end], index))
        cursor = end
    if cursor < len(text) or not segments:
        segments.append(Segment(text[cursor:]))
    return segments


@dataclass(frozen=True)
class DiffPiece:
    """A run of words that two versions share, or that one removed or added."""

    kind: Literal["same", "removed", "added"]
    text: str


def word_diff(before: str, after: str) -> list[DiffPiece]:
    """Return the word-level difference from ``before`` to ``after`` (whitespace kept)."""
    old, new = re.split(r"(\s+)", before), re.split(r"(\s+)", after)
    pieces: list[DiffPiece] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(DiffPiece("same", "".join(old[a0:a1])))
            continue
        if a1 > a0:
            pieces.append(DiffPiece("removed", "".join(old[a0:a1])))
        if b1 > b0:
            pieces.append(DiffPiece("added", "".join(new[b0:b1])))
    return pieces


def rule_references(country: str, rule_id: str) -> list[str]:
    """Return the regulation texts a country's rule pack cites for a rule (empty if none)."""
    pack = load_rule_pack(country)
    setting = pack.rules.get(rule_id)
    if setting is None:
        return []
    return [f"{ref}: {pack.references[ref]}" for ref in setting.references]


"""A citation marker in a draft, e.g. ``[product-cyber@1.0#1]``."""


@dataclass(frozen=True)
class Piece:
    """A piece of a draft: plain text, a marked finding, or a citation marker."""

    text: str
    finding: int | None = None
    citation: int | None = None


def draft_pieces(text: str, findings: list[Finding], citations: list[str]) -> list[Piece]:
    """Split a draft into findings marked inline and citation markers (by their index).

    A marker whose chunk id is not in ``citations`` stays plain text.
    """
    pieces: list[Piece] = []
    for segment in highlight(text, findings):
        if segment.finding is not None:
            pieces.append(Piece(segment.text, finding=segment.finding))
            continue
        cursor = 0
        for match in CITATION.finditer(segment.text):
            if match.group(1) not in citations:
                continue
            if match.start() > cursor:
                pieces.append(Piece(segment.text[cursor : match.start()]))
            pieces.append(Piece(match.group(0), citation=citations.index(match.group(1))))
            cursor = match.end()
        if cursor < len(segment.text):
            pieces.append(Piece(segment.text[cursor:]))
    return pieces
