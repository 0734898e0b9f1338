"""Score the compliance gate on the labelled cases in ``evals/datasets/compliance.yaml``.

Metrics: precision and recall of the "block" verdict, and per-rule accuracy over every
case (a rule is right on a case when it blocks exactly when the case expects it to).
Thresholds come from the dataset file; the report records dataset and rule-pack versions.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from copilot.compliance import ComplianceContext, ComplianceReport, DraftText, check_draft
from copilot.compliance.rulepacks import load_rule_pack
from evals.results import suite_thresholds
from tools.foundation.settings import Settings, get_settings

DATASET = Path(__file__).resolve().parent.parent / "datasets" / "compliance.yaml"
HELDOUT = DATASET.with_name("compliance_heldout.yaml")
"""Labelled drafts written without looking at the gate's lexicon (scores end in _heldout)."""
BLIND = DATASET.with_name("compliance_blind.yaml")
"""Labelled drafts for issue 13's rules, written from the rules before the detectors
(scores end in _blind)."""
PARTS: dict[str, Path] = {"heldout": HELDOUT, "blind": BLIND}
"""The held-out parts by the suffix of their scores in evals/thresholds.yaml."""

Gate = Callable[[DraftText, object, ComplianceContext], ComplianceReport]


class Case(BaseModel):
    """One labelled draft (unknown keys are refused: a misplaced field would go unread)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="Case id.")
    text: str = Field(description="Body of the draft.")
    subject: str | None = Field(None, description="Subject line, if any.")
    language: str = Field("en", description="Language of the draft.")
    facts: Any = Field(default_factory=dict, description="Tool outputs the figures must match.")
    citations: list[str] = Field(default_factory=list, description="Chunk ids the draft cites.")
    context: dict[str, Any] = Field(default_factory=dict, description="Context overrides.")
    expected: Literal["pass", "block"] = Field(description="Expected verdict.")
    rules: list[str] = Field(description="Exactly the rules expected to block.")


class Dataset(BaseModel):
    """The versioned dataset with its thresholds."""

    id: str = Field(description="Dataset id.")
    version: str = Field(description="Dataset version.")
    thresholds: dict[str, float] = Field(
        default_factory=lambda: {
            name: mark.min
            for name, mark in suite_thresholds("compliance").items()
            if mark.min is not None and not name.endswith(tuple(f"_{part}" for part in PARTS))
        },
        description="block_precision, block_recall, rule_accuracy (from evals/thresholds.yaml).",
    )
    defaults: dict[str, Any] = Field(description="Default context of every case.")
    cases: list[Case] = Field(description="Labelled cases.")


def load_dataset(path: Path = DATASET) -> Dataset:
    """Load and validate the dataset file."""
    with path.open(encoding="utf-8") as handle:
        return Dataset.model_validate(yaml.safe_load(handle))


def _run_case(case: Case, defaults: dict[str, Any], gate: Gate) -> set[str]:
    context = ComplianceContext(
        **{**defaults["context"], "language": case.language, **case.context}
    )
    draft = DraftText(
        subject=case.subject,
        body=case.text,
        channel=context.channel,
        language=case.language,
        citations=case.citations,
    )
    report = gate(draft, case.facts, context)
    return {finding.rule for finding in report.findings if finding.severity == "block"}


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 1.0


CRITICAL_RULES = ("figures.ungrounded", "claims.absolute", "privacy.special_category")
"""Rules that may never let a planted violation through (zero false passes)."""


def _per_rule(
    dataset: Dataset, outcomes: dict[str, set[str]], rule_ids: list[str]
) -> dict[str, dict[str, float]]:
    """Return per rule: cases expecting it, cases it fired on, its precision and recall."""
    table: dict[str, dict[str, float]] = {}
    for rule in rule_ids:
        expected = {c.id for c in dataset.cases if rule in c.rules}
        found = {c.id for c in dataset.cases if rule in outcomes[c.id]}
        hits = len(expected & found)
        table[rule] = {
            "expected": float(len(expected)),
            "found": float(len(found)),
            "precision": _ratio(hits, len(found)),
            "recall": _ratio(hits, len(expected)),
        }
    return table


def score(dataset: Dataset, gate: Gate = check_draft) -> dict[str, Any]:
    """Run the gate on every case and compute the metrics and the threshold verdict."""
    outcomes = {case.id: _run_case(case, dataset.defaults, gate) for case in dataset.cases}
    tp = sum(1 for c in dataset.cases if c.expected == "block" and outcomes[c.id])
    fp = sum(1 for c in dataset.cases if c.expected == "pass" and outcomes[c.id])
    fn = sum(1 for c in dataset.cases if c.expected == "block" and not outcomes[c.id])
    rule_ids = sorted(
        {rule for c in dataset.cases for rule in c.rules} | set().union(*outcomes.values())
    )
    rule_accuracy = {
        rule: _ratio(
            sum(1 for c in dataset.cases if (rule in c.rules) == (rule in outcomes[c.id])),
            len(dataset.cases),
        )
        for rule in rule_ids
    }
    per_rule = _per_rule(dataset, outcomes, rule_ids)
    critical_misses = [
        {"case": c.id, "rule": rule}
        for c in dataset.cases
        for rule in CRITICAL_RULES
        if rule in c.rules and rule not in outcomes[c.id]
    ]
    metrics = {
        "block_precision": _ratio(tp, tp + fp),
        "block_recall": _ratio(tp, tp + fn),
        "rule_accuracy": min(rule_accuracy.values(), default=1.0),
        "rule_recall": min((r["recall"] for r in per_rule.values() if r["expected"]), default=1.0),
        "rule_precision": min(
            (r["precision"] for r in per_rule.values() if r["found"]), default=1.0
        ),
        "critical_false_passes": float(len(critical_misses)),
    }
    failures = [
        {"case": c.id, "expected": sorted(c.rules), "got": sorted(outcomes[c.id])}
        for c in dataset.cases
        if set(c.rules) != outcomes[c.id]
    ]
    passed = all(metrics[name] >= floor for name, floor in dataset.thresholds.items())
    return {
        "metrics": metrics,
        "rule_accuracy": rule_accuracy,
        "per_rule": per_rule,
        "critical_misses": critical_misses,
        "thresholds": dataset.thresholds,
        "cases": len(dataset.cases),
        "failures": failures,
        "passed": passed,
    }


class SuiteResult(dict[str, Any]):
    """The suite's report: a plain dict (JSON-ready) that also fits ``copilot eval run``."""

    @property
    def passed(self) -> bool:
        """Return whether every threshold was met."""
        return bool(self["passed"])

    @property
    def report_path(self) -> str | None:
        """Return where the JSON report was written, if it was."""
        return self.get("report_path")

    def summary_lines(self) -> list[str]:
        """Return the human summary the CLI prints."""
        metrics, floors = self["metrics"], self["thresholds"]
        lines = [f"compliance eval, dataset {self['dataset']['version']}, {self['cases']} cases"]
        lines += [
            f"  {name}: {value:.3f} (threshold {floors.get(name, 0):.2f})"
            for name, value in metrics.items()
        ]
        lines += [
            f"  mismatch {f['case']}: expected {f['expected']} got {f['got']}"
            for f in self["failures"]
        ]
        lines.append("PASSED" if self.passed else "FAILED")
        return lines


def run(
    settings: Settings | None = None,
    *,
    gate: Gate = check_draft,
    path: Path = DATASET,
    write: bool = True,
) -> SuiteResult:
    """Run the compliance suite and return its report.

    Args:
        settings: Product settings; the JSON report goes under ``settings.reports_dir``.
        gate: The gate under test (tests plant defective gates here).
        path: Dataset file.
        write: Write the JSON report (tests pass False).
    """
    dataset = load_dataset(path)
    countries = {
        str(c.context.get("country", dataset.defaults["context"]["country"])) for c in dataset.cases
    }
    result = SuiteResult(
        suite="compliance",
        dataset={"id": dataset.id, "version": dataset.version},
        rule_packs={code: load_rule_pack(code).ref.model_dump() for code in sorted(countries)},
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        **score(dataset, gate),
    )
    if write:
        settings = settings or get_settings()
        settings.reports_dir.mkdir(parents=True, exist_ok=True)
        stamp = result["created_at"].replace(":", "").replace("-", "")
        target = settings.reports_dir / f"compliance-{stamp}.json"
        result["report_path"] = str(target)
        target.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    return result
