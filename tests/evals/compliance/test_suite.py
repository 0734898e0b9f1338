"""The compliance suite's held-out parts: the blind set of issue 13's rules."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from copilot.compliance import ComplianceContext, ComplianceReport, DraftText, RuleRef
from evals.adapters import compliance
from evals.compliance.suite import BLIND, DATASET, Dataset, load_dataset, run, score
from evals.results import suite_thresholds
from tools.foundation.settings import Settings

NEW_RULES = (
    "privacy.special_category",
    "claims.urgency",
    "claims.disparaging",
    "claims.cancel_first",
    "contact.unverified",
    "citations.id_in_text",
    "language.mismatch",
    "language.mixed",
)


def _always_pass(draft: DraftText, facts: object, context: ComplianceContext) -> ComplianceReport:
    return ComplianceReport.from_findings([], RuleRef(id="planted", version="0"), [])


@pytest.mark.parametrize("path", [DATASET, BLIND], ids=["main", "blind"])
@pytest.mark.parametrize("rule", NEW_RULES)
def test_every_new_rule_has_blocking_cases_in_several_languages(path: Path, rule: str) -> None:
    languages = {case.language for case in load_dataset(path).cases if rule in case.rules}
    # The blind set was written once, before the detectors: two languages for citation ids.
    minimum = 2 if (path, rule) == (BLIND, "citations.id_in_text") else 3
    assert len(languages) >= minimum, languages
    if path == DATASET:
        assert {"en", "sv"} <= languages


@pytest.mark.parametrize("path", [DATASET, BLIND], ids=["main", "blind"])
def test_every_new_rule_has_fair_wording_that_passes(path: Path) -> None:
    passing = [case for case in load_dataset(path).cases if case.expected == "pass"]
    assert len(passing) >= 10
    assert len({case.language for case in passing}) >= 4


def test_the_blind_set_refuses_an_unknown_case_key(tmp_path: Path) -> None:
    document = yaml.safe_load(BLIND.read_text(encoding="utf-8"))
    document["cases"][0]["country"] = "SE"  # belongs under context
    with pytest.raises(ValidationError, match="country"):
        Dataset.model_validate(document)


def test_the_real_gate_meets_the_blind_thresholds() -> None:
    report = run(None, path=BLIND, write=False)
    floors = suite_thresholds("compliance")
    for name in ("block_recall", "block_precision", "rule_recall"):
        assert report["metrics"][name] >= floors[f"{name}_blind"].min, report["failures"]
    assert report["metrics"]["critical_false_passes"] == 0


def test_a_gate_that_passes_everything_fails_the_blind_set() -> None:
    report = score(load_dataset(BLIND), gate=_always_pass)
    assert report["metrics"]["block_recall"] == 0.0


def test_the_suite_reports_the_blind_part_with_its_suffix() -> None:
    result = compliance(Settings(), sample=5)
    assert "block_recall_blind" in result.scores
    assert result.versions["blind_dataset"] == load_dataset(BLIND).version
    assert any("blind" in case.tags for case in result.cases)
