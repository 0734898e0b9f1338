"""BM25 over the stored chunks, for the lexical half of hybrid retrieval.

The index is built from the Chroma collection itself (so it always matches what is stored) and
kept in memory; filters are applied to the candidate set before scoring, using the same metadata
flags the dense side sends to Chroma as a ``where`` filter.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

_TOKEN = re.compile(r"\w+", re.UNICODE)
_STOPWORDS = frozenset(
    " ".join(
        (
            "a an and are as at be by can do does for from has have how i if in is it its may of",
            "on or our s that the their they this to we what when which who will with you your",
        )
    ).split()
)

MetaValue = object


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens without stop words, with a light plural strip."""
    tokens = []
    for word in _TOKEN.findall(text.lower()):
        if word in _STOPWORDS:
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        tokens.append(word)
    return tokens


class Bm25Index:
    """Okapi BM25 over chunk texts, with their metadata kept for filtering."""

    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        """Store the BM25 parameters; call :meth:`fit` to build the index."""
        self.k1 = k1
        self.b = b

    def fit(
        self, ids: list[str], texts: list[str], metadatas: list[Mapping[str, MetaValue]]
    ) -> Bm25Index:
        """Index the chunks and return self."""
        self.ids_ = ids
        self.texts_ = texts
        self.metadatas_ = metadatas
        self.positions_ = {chunk_id: position for position, chunk_id in enumerate(ids)}
        self.term_freqs_ = [Counter(tokenize(text)) for text in texts]
        self.lengths_ = [sum(tf.values()) for tf in self.term_freqs_]
        self.avg_length_ = sum(self.lengths_) / max(len(self.lengths_), 1)
        doc_freq: Counter[str] = Counter()
        for tf in self.term_freqs_:
            doc_freq.update(tf.keys())
        n = len(ids)
        self.idf_ = {t: math.log(1 + (n - df + 0.5) / (df + 0.5)) for t, df in doc_freq.items()}
        return self

    def __contains__(self, chunk_id: object) -> bool:
        """Return whether the chunk is in the index."""
        return chunk_id in self.positions_

    def passage(self, chunk_id: str) -> tuple[str, dict[str, Any]]:
        """Return the stored text and metadata of one indexed chunk."""
        position = self.positions_[chunk_id]
        return self.texts_[position], dict(self.metadatas_[position])

    def _score(self, position: int, terms: list[str]) -> float:
        tf, length = self.term_freqs_[position], self.lengths_[position]
        norm = self.k1 * (1 - self.b + self.b * length / max(self.avg_length_, 1e-9))
        return sum(self.idf_[t] * tf[t] * (self.k1 + 1) / (tf[t] + norm) for t in terms if t in tf)

    def top(
        self, query: str, n: int, allowed: list[list[str]] | None = None
    ) -> list[tuple[str, float]]:
        """Return the ``n`` best (chunk id, score) pairs with a positive score.

        Args:
            query: Free-text query.
            n: How many to return.
            allowed: Conjunction of disjunctions of metadata flag keys; a chunk qualifies when,
                for every inner list, it has at least one of the keys set to True.
        """
        terms = [t for t in tokenize(query) if t in self.idf_]
        scored = []
        for position, meta in enumerate(self.metadatas_):
            if allowed and not all(
                any(meta.get(key) is True for key in group) for group in allowed
            ):
                continue
            score = self._score(position, terms)
            if score > 0:
                scored.append((self.ids_[position], score))
        scored.sort(key=lambda pair: pair[1], reverse=True)
        return scored[:n]
