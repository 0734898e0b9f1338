"""Find lexicon concepts in tokens: every slot within a window, in one clause, not negated."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from copilot.compliance.lexicon import Concept
from copilot.compliance.tokens import Token, find_term, list_continues

NEGATION_REACH = 8
"""How many tokens before a match a negation still governs it (within the same clause)."""
LIST_REACH = 4
"""A match this close after a negated match of the same concept, with only a comma or "or"
between, is negated too: "never ask for a password, BankID codes or card numbers"."""


@dataclass(frozen=True)
class ConceptHit:
    """Where a concept matched, as token indexes (inclusive)."""

    concept: str
    first: int
    last: int


def _slot_hits(tokens: Sequence[Token], slot: list[str]) -> list[tuple[int, int]]:
    return sorted({hit for term in slot for hit in find_term(tokens, term)})


def _combine(
    tokens: Sequence[Token],
    anchor: tuple[int, int],
    others: list[list[tuple[int, int]]],
    window: int,
) -> list[tuple[int, int]] | None:
    """Pick, for each other slot, the nearest hit in the anchor's clause within the window."""
    chosen = [anchor]
    clause = tokens[anchor[0]].clause
    for hits in others:
        near = [
            hit
            for hit in hits
            if tokens[hit[0]].clause == clause
            and hit != anchor
            and min(abs(hit[0] - anchor[1]), abs(anchor[0] - hit[1])) <= window
        ]
        if not near:
            return None
        chosen.append(min(near, key=lambda hit: abs(hit[0] - anchor[0])))
    return chosen


def is_negated(
    tokens: Sequence[Token], spans: list[tuple[int, int]], negations: Sequence[str]
) -> bool:
    """Return whether a negation in the same clause precedes or sits inside the match.

    Tokens that belong to the match itself ("no" in "no risk") never negate it.
    """
    first = min(span[0] for span in spans)
    last = max(span[1] for span in spans)
    clause = tokens[first].clause
    own = {index for span in spans for index in range(span[0], span[1] + 1)}
    for index in range(max(0, first - NEGATION_REACH), last + 1):
        if index in own or tokens[index].clause != clause:
            continue
        if any(find_term(tokens[index : index + len(term.split())], term) for term in negations):
            return True
    return False


def find_concepts(
    tokens: Sequence[Token], concepts: Sequence[Concept], negations: Sequence[str]
) -> list[ConceptHit]:
    """Return every non-negated match of the concepts, at most one per stretch of text.

    Matches are read in text order, so a negation that governs the first item of a list
    governs the rest of it too, whichever language's concept each item matched.
    """
    candidates: list[tuple[int, int, Concept, list[tuple[int, int]]]] = []
    for order, concept in enumerate(concepts):
        slots = [_slot_hits(tokens, slot) for slot in concept.slots]
        if not all(slots):
            continue
        for anchor in slots[0]:
            spans = _combine(tokens, anchor, slots[1:], concept.window)
            if spans is not None:
                candidates.append((min(span[0] for span in spans), order, concept, spans))
    found: list[ConceptHit] = []
    negated_until: int | None = None  # last token of the latest negated match
    for first, _, concept, spans in sorted(candidates, key=lambda c: (c[0], c[1])):
        last = max(span[1] for span in spans)
        if concept.negatable:
            listed = negated_until is not None and (
                first <= negated_until  # inside a stretch already negated
                or (
                    first - negated_until <= LIST_REACH
                    and list_continues(tokens, negated_until, first)
                )
            )
            if listed or is_negated(tokens, spans, negations):
                negated_until = max(negated_until or 0, last)
                continue
        if any(hit.first <= last and first <= hit.last for hit in found):
            continue  # one finding per stretch of text, even if two concepts match it
        found.append(ConceptHit(concept.id, first, last))
    return found
