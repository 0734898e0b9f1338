"""Split a message into word tokens with their clause, and match lexicon terms on them.

Lexicon terms are lowercase words; ``guarant*`` matches every word starting with
``guarant`` (inflections: guarantee, guaranteed, guarantees), a term with spaces
(``not covered``) matches consecutive tokens, and ``100%`` is one token.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_TOKEN = re.compile(
    r"\d+(?:[.,]\d+)?\s?%|[^\W_]*n['\u2019]t(?![^\W_])"
    r"|[^\W\d_]+:[^\W\d_]{1,3}(?![^\W_])"  # Swedish inflected abbreviations: vd:n, AB:s
    r"|[^\W_]+",
    re.UNICODE,
)
# A clause ends at sentence punctuation, a colon/semicolon, a dash between words or a newline
# (not at the colon inside "vd:n").
_CLAUSE_BREAK = re.compile(r"[.!?;,](?!\d)|:(?![\d\w])|[\n\u2013\u2014]|\s-\s")


@dataclass(frozen=True)
class Token:
    """One lowercase word of the message, with where it is."""

    text: str
    start: int
    end: int
    index: int
    clause: int


def normalise_text(text: str) -> str:
    """Return the text with no-break and thin spaces as plain spaces (same length)."""
    return re.sub(r"[\u00a0\u2007\u2009\u202f]", " ", text)


class TokenList(list[Token]):
    """Tokens of one text, with a word index so term look-ups do not rescan the text."""

    def __init__(self, tokens: Iterable[Token] = ()) -> None:
        super().__init__(tokens)
        self.positions: dict[str, list[int]] = {}
        for token in self:
            self.positions.setdefault(token.text, []).append(token.index)
        self.words = sorted(self.positions)
        self.found: dict[str, list[tuple[int, int]]] = {}
        self.prefixed: dict[str, list[int]] = {}
        self.text = ""
        """The text the tokens come from (empty when built from tokens alone)."""

    def starts(self, part: str) -> list[int]:
        """Return the indexes of tokens matched by one lexicon word.

        ``pay*`` is a prefix; ``*menighet*`` occurs inside a word (Nordic compounds such as
        "pinsemenigheten"); ``*liiton`` ends one.
        """
        if part.startswith("*"):
            if part not in self.prefixed:
                self.prefixed[part] = sorted(
                    i
                    for word in self.words
                    if term_matches(part, word)
                    for i in self.positions[word]
                )
            return self.prefixed[part]
        if not part.endswith("*"):
            return self.positions.get(part, [])
        if part not in self.prefixed:
            prefix = part[:-1]
            hits: list[int] = []
            # The words are sorted, so those with the prefix form one run from bisect_left.
            for word in self.words[bisect_left(self.words, prefix) :]:
                if not word.startswith(prefix):
                    break
                hits.extend(self.positions[word])
            self.prefixed[part] = sorted(hits)
        return self.prefixed[part]


def tokenise(text: str, extra_breaks: Iterable[str] = ()) -> TokenList:
    """Split text into lowercase word tokens numbered by clause.

    Args:
        text: The message text.
        extra_breaks: Conjunctions that also start a new clause (``but``, ``men``).
    """
    breaks = set(extra_breaks)
    clause_starts = sorted(match.start() for match in _CLAUSE_BREAK.finditer(text))
    tokens: list[Token] = []
    clause, cursor = 0, 0
    for match in _TOKEN.finditer(text):
        while cursor < len(clause_starts) and clause_starts[cursor] < match.start():
            clause, cursor = clause + 1, cursor + 1
        word = match.group(0).casefold().replace(" ", "")
        word = "not" if re.search(r"n['\u2019]t$", word) else word
        if word in breaks:
            clause += 1
        tokens.append(Token(word, match.start(), match.end(), len(tokens), clause))
    found = TokenList(tokens)
    found.text = text
    return found


def list_continues(tokens: Sequence[Token], before: int, after: int) -> bool:
    """Return whether token ``after`` continues a list that token ``before`` is in.

    Only words, commas and spaces between them: no sentence end, colon or line break.
    """
    text = getattr(tokens, "text", "")
    if not text or after <= before:
        return False
    gap = text[tokens[before].end : tokens[after].start]
    return re.search(r"[.!?;:\n]", gap) is None


def term_matches(term: str, word: str) -> bool:
    """Return whether a lexicon word matches a token: ``pay*``, ``*menighet*``, ``*liiton``."""
    if term.startswith("*") and len(term) > 1:
        core = term.strip("*")
        return core in word if term.endswith("*") else word.endswith(core)
    if term.endswith("*"):
        return word.startswith(term[:-1])
    return word == term


def find_term(tokens: Sequence[Token], term: str) -> list[tuple[int, int]]:
    """Return (first, last) token indexes of each occurrence of a one- or many-word term."""
    parts = term.casefold().split()
    if not parts:
        return []
    if isinstance(tokens, TokenList):
        if term not in tokens.found:
            tokens.found[term] = _indexed_find(tokens, parts)
        return tokens.found[term]
    hits: list[tuple[int, int]] = []
    for first in range(len(tokens) - len(parts) + 1):
        window = tokens[first : first + len(parts)]
        if all(term_matches(part, token.text) for part, token in zip(parts, window, strict=True)):
            hits.append((first, first + len(parts) - 1))
    return hits


def _indexed_find(tokens: TokenList, parts: list[str]) -> list[tuple[int, int]]:
    hits: list[tuple[int, int]] = []
    for first in tokens.starts(parts[0]):
        window = tokens[first : first + len(parts)]
        if len(window) == len(parts) and all(
            term_matches(part, token.text) for part, token in zip(parts, window, strict=True)
        ):
            hits.append((first, first + len(parts) - 1))
    return hits


def contains_any(tokens: Sequence[Token], terms: Iterable[str]) -> bool:
    """Return whether any of the terms occurs in the tokens."""
    return any(find_term(tokens, term) for term in terms)


def excerpt(text: str, tokens: Sequence[Token], first: int, last: int, pad: int = 3) -> str:
    """Return the text around tokens first..last, padded by a few words each side."""
    low = tokens[max(0, first - pad)].start
    high = tokens[min(len(tokens) - 1, last + pad)].end
    return " ".join(text[low:high].split())
