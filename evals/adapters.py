"""The retrieval and compliance suites in the runner's shape (``evals.results.SuiteResult``).

Both suites predate the runner and keep their own reports (``copilot eval run retrieval``
wrote them first); these adapters run them without writing and turn their figures into
scores, cases and charts. Their thresholds live in ``evals/thresholds.yaml`` like all others.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evals.compliance import run as run_compliance
from evals.compliance.suite import DATASET, PARTS, load_dataset
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


def _compliance_part(
    settings: Settings, path: Path, tag: str, sample: int | None
) -> tuple[dict[str, Any], list[CaseResult]]:
    report = run_compliance(settings, path=path, write=False)
    failures = {f["case"]: f for f in report["failures"]}
    cases = [
        CaseResult(
            id=case.id,
            passed=case.id not in failures,
            tags=[tag, case.expected],
            language=case.language,
            expected=sorted(case.rules),
            got=failures[case.id]["got"] if case.id in failures else sorted(case.rules),
            detail={"text": case.text, "subject": case.subject, "facts": case.facts},
        )
        for case in _sampled(load_dataset(path).cases, sample)
    ]
    return report, cases


def compliance(settings: Settings, *, sample: int | None = None, **_: Any) -> SuiteResult:
    """Run the compliance suite (labelled drafts through the real gate).

    Three parts: the main dataset; a held-out one written without looking at the gate's
    lexicon (scores end in ``_heldout``); a blind one written from issue 13's rules before
    their detectors (scores end in ``_blind``).
    """
    main, cases = _compliance_part(settings, DATASET, "main", sample)
    scores = dict(main["metrics"])
    versions = {"dataset": main["dataset"]["version"]}
    charts = []
    for part, path in PARTS.items():
        if not path.is_file():
            continue
        report, more = _compliance_part(settings, path, part, sample)
        cases += more
        scores.update({f"{k}_{part}": v for k, v in report["metrics"].items()})
        versions[f"{part}_dataset"] = report["dataset"]["version"]
        charts.append(
            Series(
                title=f"Recall per rule ({part} part)",
                kind="bar",
                y_label="recall",
                points=[
                    (rule, r["recall"])
                    for rule, r in sorted(report["per_rule"].items())
                    if r["expected"]
                ],
            )
        )
    packs = {f"rule_pack.{c}": f"{p['id']}@{p['version']}" for c, p in main["rule_packs"].items()}
    charts.insert(
        0,
        Series(
            title="Recall per rule (main dataset)",
            kind="bar",
            y_label="recall",
            points=[
                (rule, r["recall"]) for rule, r in sorted(main["per_rule"].items()) if r["expected"]
            ],
        ),
    )
    return SuiteResult(
        suite="compliance",
        scores=scores,
        cases=cases,
        versions={**versions, **packs},
        charts=charts,
    )
