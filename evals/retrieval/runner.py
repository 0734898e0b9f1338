"""Run the retrieval suite: ingest (idempotent), ask every question, score, write a report."""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field

from evals.retrieval.dataset import (
    DATASET_PATH,
    Dataset,
    Filters,
    Item,
    Thresholds,
    load_dataset,
)
from evals.retrieval.scorer import percentile_ms, recall_at_k, reciprocal_rank
from knowledge.embeddings import embedding_model_id, forget_query_vectors
from knowledge.ingest import ingest_corpus
from knowledge.search import DEFAULT_MODE, SearchMode, search
from tools.foundation.settings import Settings, get_settings

Searcher = Callable[[str, Filters, int], list[str]]
"""Return the doc_ids of the ranked passages for (question, filters, k)."""


class QuestionResult(BaseModel):
    """How one question was answered."""

    id: str = Field(description="Question id.")
    relevant: list[str] = Field(description="Labelled doc_ids.")
    retrieved: list[str] = Field(description="doc_ids of the retrieved passages, best first.")
    recall: float = Field(description="Recall@k of this question.")
    reciprocal_rank: float = Field(description="1 / rank of the first relevant passage.")
    latency_ms: float = Field(description="Median wall time of the search call, ms.")
    cpu_ms: float = Field(description="Median CPU time of this process during the call, ms.")


class RetrievalReport(BaseModel):
    """The suite's figures, the versions that produced them, and the verdict."""

    suite: str = Field("retrieval", description="Suite name.")
    created_at: str = Field(description="UTC timestamp of the run.")
    dataset_version: str = Field(description="Version of the question set.")
    embedding_model: str = Field(description="Embedding model id.")
    search_mode: str = Field(description="dense or hybrid.")
    corpus_hash: str = Field(description="Hash of the ingested corpus.")
    chunks: int = Field(description="Chunks in the store.")
    k: int = Field(description="Passages retrieved per question.")
    latency_repeats: int = Field(description="Timed runs per question (median kept).")
    questions: int = Field(description="Questions asked.")
    recall_at_k: float = Field(description="Mean recall@k.")
    mrr: float = Field(description="Mean reciprocal rank within k.")
    p50_latency_ms: float = Field(description="Median query latency, ms.")
    p95_latency_ms: float = Field(description="95th percentile query latency, ms.")
    p95_cpu_ms: float = Field(
        description="95th percentile CPU time per query, ms: what the query costs without"
        " waiting for a core (compare with the wall-clock latency on a busy machine)."
    )
    load_average_1m: float = Field(
        description="1-minute load average when the run ended: latency is only comparable on a"
        " quiet machine (this 2-core box is shared with other jobs)."
    )
    thresholds: Thresholds = Field(description="Pass marks applied.")
    failures: list[str] = Field(description="Thresholds missed; empty when the suite passed.")
    results: list[QuestionResult] = Field(description="Per-question results.")
    report_path: str | None = Field(None, description="Where the JSON report was written.")

    @property
    def passed(self) -> bool:
        """Return whether every threshold was met."""
        return not self.failures

    def summary_lines(self) -> list[str]:
        """Return the human summary the CLI prints."""
        missed = [r.id for r in self.results if r.recall < 1.0]
        return [
            f"retrieval suite: dataset {self.dataset_version}, {self.questions} questions, "
            f"k={self.k}, mode={self.search_mode}, model={self.embedding_model}, "
            f"latency = median of {self.latency_repeats} runs per question",
            f"corpus {self.corpus_hash}, {self.chunks} chunks",
            f"recall@{self.k} {self.recall_at_k:.3f} (threshold {self.thresholds.recall_at_k})",
            f"MRR {self.mrr:.3f}",
            f"latency p50 {self.p50_latency_ms:.1f} ms, p95 {self.p95_latency_ms:.1f} ms "
            f"(threshold {self.thresholds.p95_latency_ms} ms); CPU p95 {self.p95_cpu_ms:.1f} ms; "
            f"load average {self.load_average_1m}",
            f"questions not fully recalled: {', '.join(missed) or 'none'}",
            "PASSED" if self.passed else "FAILED: " + "; ".join(self.failures),
        ]


def store_searcher(mode: SearchMode, settings: Settings) -> Searcher:
    """Return a searcher over the real knowledge store."""

    def searcher(question: str, filters: Filters, k: int) -> list[str]:
        chunks = search(question, k=k, mode=mode, settings=settings, **filters.model_dump())
        return [chunk.doc_id for chunk in chunks]

    return searcher


def _timed(searcher: Searcher, item: Item, k: int) -> tuple[list[str], float, float]:
    forget_query_vectors()  # time the query's embedding too, not the remembered vector
    started, cpu_started = time.perf_counter(), time.process_time()
    ranked = searcher(item.question, item.filters, k)
    return ranked, time.perf_counter() - started, time.process_time() - cpu_started


def score_dataset(dataset: Dataset, searcher: Searcher) -> list[QuestionResult]:
    """Ask every question through ``searcher`` and score it.

    One untimed pass over all questions comes first, so the timed passes measure the steady
    state of a long-running process (model loaded, index pages and filter paths warm). Each
    question is then timed ``dataset.latency_repeats`` times and its median kept: on a shared
    2-core machine a single sample mostly measures the scheduler. Ranking is scored on the
    first timed pass (search is deterministic).
    """
    for item in dataset.items:
        searcher(item.question, item.filters, dataset.k)
    results = []
    for item in dataset.items:
        runs = [_timed(searcher, item, dataset.k) for _ in range(dataset.latency_repeats)]
        ranked = runs[0][0]
        results.append(
            QuestionResult(
                id=item.id,
                relevant=item.relevant,
                retrieved=ranked,
                recall=recall_at_k(ranked, item.relevant, dataset.k),
                reciprocal_rank=reciprocal_rank(ranked, item.relevant, dataset.k),
                latency_ms=round(statistics.median(r[1] for r in runs) * 1000.0, 3),
                cpu_ms=round(statistics.median(r[2] for r in runs) * 1000.0, 3),
            )
        )
    return results


def threshold_failures(recall: float, p95_ms: float, thresholds: Thresholds, k: int) -> list[str]:
    """Return a message for each threshold the figures miss."""
    failures = []
    if recall < thresholds.recall_at_k:
        failures.append(f"recall@{k} {recall:.3f} < {thresholds.recall_at_k}")
    if p95_ms > thresholds.p95_latency_ms:
        failures.append(f"p95 latency {p95_ms:.1f} ms > {thresholds.p95_latency_ms} ms")
    return failures


def build_report(
    dataset: Dataset,
    results: list[QuestionResult],
    *,
    mode: str,
    model: str,
    corpus: str,
    chunks: int,
) -> RetrievalReport:
    """Aggregate per-question results into the suite report and apply the thresholds."""
    recall = sum(r.recall for r in results) / len(results)
    mrr = sum(r.reciprocal_rank for r in results) / len(results)
    latencies = [r.latency_ms / 1000.0 for r in results]
    p95 = percentile_ms(latencies, 95)
    return RetrievalReport(
        created_at=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        dataset_version=dataset.version,
        embedding_model=model,
        search_mode=mode,
        corpus_hash=corpus,
        chunks=chunks,
        k=dataset.k,
        latency_repeats=dataset.latency_repeats,
        questions=len(results),
        recall_at_k=round(recall, 4),
        mrr=round(mrr, 4),
        p50_latency_ms=round(percentile_ms(latencies, 50), 2),
        p95_latency_ms=round(p95, 2),
        p95_cpu_ms=round(percentile_ms([r.cpu_ms / 1000.0 for r in results], 95), 2),
        load_average_1m=round(os.getloadavg()[0], 2),
        thresholds=dataset.thresholds,
        failures=threshold_failures(recall, p95, dataset.thresholds, dataset.k),
        results=results,
    )


def run(
    settings: Settings | None = None,
    *,
    mode: SearchMode = DEFAULT_MODE,
    dataset_path: Path = DATASET_PATH,
    write: bool = True,
) -> RetrievalReport:
    """Run the retrieval suite end to end and return its report.

    Args:
        settings: Settings to use; default the process settings.
        mode: Search mode to evaluate (``hybrid`` or ``dense``).
        dataset_path: The labelled question set.
        write: Write the JSON report under ``settings.reports_dir``.
    """
    settings = settings or get_settings()
    dataset = load_dataset(dataset_path)
    ingested = ingest_corpus(settings)
    results = score_dataset(dataset, store_searcher(mode, settings))
    report = build_report(
        dataset,
        results,
        mode=mode,
        model=embedding_model_id(settings),
        corpus=ingested.corpus_hash,
        chunks=ingested.chunks,
    )
    if write:
        settings.reports_dir.mkdir(parents=True, exist_ok=True)
        stamp = report.created_at.replace(":", "").replace("-", "")
        path = settings.reports_dir / f"retrieval-{mode}-{stamp}.json"
        report.report_path = str(path)
        path.write_text(report.model_dump_json(indent=2), encoding="utf-8")
    return report
