from __future__ import annotations

from evals.retrieval.dataset import Dataset, Filters, Item, Thresholds
from evals.retrieval.runner import (
    RetrievalReport,
    Searcher,
    _timed,
    build_report,
    score_dataset,
)

DATASET = Dataset(
    version="test",
    k=5,
    thresholds=Thresholds(recall_at_k=0.9, p95_latency_ms=1000.0),
    items=[
        Item(id="q1", question="cyber exclusions", relevant=["product-cyber"]),
        Item(id="q2", question="fleet premium", relevant=["product-fleet"]),
        Item(id="q3", question="email in Sweden", relevant=["compliance-consent-sweden"]),
    ],
)
ANSWERS = {item.question: item.relevant for item in DATASET.items}


def oracle(question: str, filters: Filters, k: int) -> list[str]:
    return ANSWERS[question] + ["product-gl"] * (k - 1)


def planted_wrong_ranking(question: str, filters: Filters, k: int) -> list[str]:
    # Planted defect: the relevant document is pushed just beyond the cut-off.
    return ["product-gl"] * k + ANSWERS[question]


def report_for(searcher: Searcher) -> RetrievalReport:
    results = score_dataset(DATASET, searcher)
    return build_report(DATASET, results, mode="test", model="m", corpus="c", chunks=1)


def test_oracle_ranking_passes() -> None:
    report = report_for(oracle)
    assert report.recall_at_k == 1.0 and report.mrr == 1.0 and report.passed


def test_planted_wrong_ranking_fails_recall_threshold() -> None:
    report = report_for(planted_wrong_ranking)
    assert report.recall_at_k == 0.0
    assert not report.passed and report.failures[0].startswith("recall@5")


def test_latency_over_threshold_fails_the_suite() -> None:
    strict = DATASET.model_copy(
        update={"thresholds": Thresholds(recall_at_k=0.0, p95_latency_ms=-1.0)}
    )
    report = build_report(
        strict, score_dataset(strict, oracle), mode="t", model="m", corpus="c", chunks=1
    )
    assert any(f.startswith("p95 latency") for f in report.failures)


def test_report_records_versions() -> None:
    report = report_for(oracle)
    assert (report.dataset_version, report.embedding_model, report.corpus_hash) == (
        "test",
        "m",
        "c",
    )


def test_every_timed_search_embeds_its_query_afresh() -> None:
    """The latency includes the query's embedding: no remembered vector is reused."""
    import numpy as np

    from knowledge import embeddings

    cached_when_searched: list[int] = []

    def searcher(question: str, filters: Filters, k: int) -> list[str]:
        cached_when_searched.append(len(embeddings._QUERY_CACHE))
        return oracle(question, filters, k)

    for item in DATASET.items:
        embeddings._remember((0, item.question), np.zeros(3))
        _timed(searcher, item, DATASET.k)

    assert cached_when_searched == [0, 0, 0]
