from __future__ import annotations

import json
from pathlib import Path

from copilot.compliance import ComplianceContext, ComplianceReport, DraftText, RuleRef
from evals.compliance.suite import load_dataset, run, score
from tools.foundation.settings import Settings

PACK = RuleRef(id="planted", version="0")


def _always_pass(draft: DraftText, facts: object, context: ComplianceContext) -> ComplianceReport:
    return ComplianceReport.from_findings([], PACK, [])


def test_dataset_has_40_multilingual_cases() -> None:
    dataset = load_dataset()
    assert len(dataset.cases) >= 40
    assert {"en", "sv", "da", "nb", "fi"} <= {case.language for case in dataset.cases}


def test_real_gate_meets_thresholds() -> None:
    report = run(None, write=False)
    assert report.passed, report["failures"]


def test_run_writes_json_report_under_settings(tmp_path: Path) -> None:
    report = run(Settings(data_dir=tmp_path))
    assert report.report_path is not None
    assert json.loads(Path(report.report_path).read_text(encoding="utf-8"))["suite"] == "compliance"
    assert report.summary_lines()[-1] == "PASSED"


def test_planted_defect_gate_that_passes_everything_fails_the_suite() -> None:
    report = score(load_dataset(), gate=_always_pass)
    assert report["metrics"]["block_recall"] == 0.0
    assert not report["passed"]
