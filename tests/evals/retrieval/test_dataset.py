from __future__ import annotations

import pytest
from pydantic import ValidationError

from evals.retrieval.dataset import Dataset, load_dataset
from knowledge.corpus_reader import load_corpus


def test_dataset_has_at_least_sixty_questions() -> None:
    assert len(load_dataset().items) >= 60


def test_every_label_is_a_corpus_document() -> None:
    doc_ids = {doc.doc_id for doc in load_corpus()}
    for item in load_dataset().items:
        assert set(item.relevant) <= doc_ids, item.id


def test_thresholds_are_the_agreed_ones() -> None:
    thresholds = load_dataset().thresholds
    assert (thresholds.recall_at_k, thresholds.p95_latency_ms) == (0.90, 30.0)


def test_duplicate_question_ids_are_rejected() -> None:
    item = {"id": "q1", "question": "x", "relevant": ["product-gl"]}
    with pytest.raises(ValidationError, match="duplicate"):
        Dataset.model_validate(
            {
                "version": "1",
                "thresholds": {"recall_at_k": 0.9, "p95_latency_ms": 30},
                "items": [item, item],
            }
        )
