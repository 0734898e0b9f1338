"""The retrieval and compliance suites in the runner's shape (``evals.results.SuiteResult``).

Both suites predate the runner and keep their own reports (``copilot eval run retrieval``
wrote them first); these adapters run them without writing and turn their figures into
scores, cases and charts. Their thresholds live in ``evals/thresholds.yaml`` like all others.
"""

from __future__ import annotations

from typing import Any

from evals.compliance import run as run_compliance
from evals.compliance.suite import load_dataset
from evals.results import CaseResult, Series, SuiteResult
from evals.retrieval import run as run_retrieval
from tools.foundation.settings import Settings


def _sampled(items: list[Any], sample: int | None) -> list[Any]:
    """Return every k-th item so that at most ``sample`` remain (deterministic)."""
    if sample is None or sample >= len(items):
        return items
    step = len(items) / sample
    return [items[int(i * step)] for i in range(sample)]


def retrieval(
    settings: Settings, *, sample: int | None = None, mode: str = "hybrid", **_: Any
) -> SuiteResult:
    """Run the retrieval suite (labelled questions against the real Chroma store)."""
    report = run_retrieval(settings, mode=mode, write=False)  # type: ignore[arg-type]
    results = _sampled(report.results, sample)
    return SuiteResult(
        suite="retrieval",
        scores={
            "recall_at_k": report.recall_at_k,
            "mrr": report.mrr,
            "p50_latency_ms": report.p50_latency_ms,
            "p95_latency_ms": report.p95_latency_ms,
        },
        cases=[
            CaseResult(
                id=r.id,
                passed=r.recall >= 1.0,
                expected=r.relevant,
                got=r.retrieved,
                detail={"recall": r.recall, "latency_ms": r.latency_ms},
            )
            for r in results
        ],
        versions={
            "dataset": report.dataset_version,
            "embedding_model": report.embedding_model,
            "corpus": report.corpus_hash,
            "search_mode": report.search_mode,
        },
        charts=[
            Series(
                title=f"Recall@{report.k} by question",
                kind="bar",
                y_label="recall",
                points=[(r.id, r.recall) for r in results],
            )
        ],
        notices=[f"load average {report.load_average_1m} (latency is only comparable when idle)"],
    )


def compliance(settings: Settings, *, sample: int | None = None, **_: Any) -> SuiteResult:
    """Run the compliance suite (labelled drafts through the real gate)."""
    report = run_compliance(settings, write=False)
    failures = {f["case"]: f for f in report["failures"]}
    packs = {f"rule_pack.{c}": f"{p['id']}@{p['version']}" for c, p in report["rule_packs"].items()}
    cases = _sampled(load_dataset().cases, sample)
    return SuiteResult(
        suite="compliance",
        scores=dict(report["metrics"]),
        cases=[
            CaseResult(
                id=case.id,
                passed=case.id not in failures,
                language=case.language,
                expected=sorted(case.rules),
                got=failures[case.id]["got"] if case.id in failures else sorted(case.rules),
                detail={"text": case.text, "facts": case.facts},
            )
            for case in cases
        ],
        versions={
            "dataset": report["dataset"]["version"],
            **packs,
        },
        charts=[
            Series(
                title="Accuracy per rule",
                kind="bar",
                y_label="accuracy",
                points=sorted(report["rule_accuracy"].items()),
            )
        ],
    )
