from __future__ import annotations

import pytest

from evals.retrieval.scorer import percentile_ms, recall_at_k, reciprocal_rank


def test_recall_counts_relevant_documents_in_top_k() -> None:
    assert recall_at_k(["a", "b", "c"], ["c", "z"], k=3) == 0.5


def test_recall_ignores_passages_beyond_k() -> None:
    assert recall_at_k(["a", "b", "c"], ["c"], k=2) == 0.0


def test_duplicate_passages_of_one_document_count_once() -> None:
    assert recall_at_k(["a", "a", "b"], ["a", "b"], k=3) == 1.0


def test_reciprocal_rank_is_one_over_first_relevant_position() -> None:
    assert reciprocal_rank(["x", "y", "a"], ["a"], k=5) == pytest.approx(1 / 3)


def test_reciprocal_rank_is_zero_when_nothing_relevant() -> None:
    assert reciprocal_rank(["x", "y"], ["a"], k=5) == 0.0


def test_percentile_converts_seconds_to_milliseconds() -> None:
    assert percentile_ms([0.010, 0.020, 0.030], 50) == pytest.approx(20.0)
