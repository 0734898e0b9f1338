"""The eval runner: thresholds from one file, worst of the repeats, JSON and HTML written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from evals import runner
from evals.compare import compare_runs, load_run
from evals.results import CaseResult, Series, SuiteResult, Threshold, load_thresholds
from evals.runner import run_suites, write_run
from tools.foundation.errors import InvalidInput
from tools.foundation.settings import Settings

VALUES = iter([])


def fake_suite(settings: Settings, **_: Any) -> SuiteResult:
    """A suite whose score comes from ``VALUES`` (one per run), with a hostile case."""
    return SuiteResult(
        suite="fake",
        scores={"accuracy": next(VALUES), "latency_ms": 12.0},
        cases=[
            CaseResult(id="ok", passed=True, tags=["seed"], language="sv"),
            CaseResult(
                id="bad",
                passed=False,
                tags=["generated"],
                language="fi",
                expected="pass",
                got="<script>alert(1)</script>",
            ),
        ],
        charts=[Series(title="Lift", kind="line", points=[(0.0, 0.0), (0.5, 0.8), (1.0, 1.0)])],
    )


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> dict[str, dict[str, Threshold]]:
    monkeypatch.setitem(runner.SUITES, "fake", "tests.evals.test_runner:fake_suite")
    return {"fake": {"accuracy": Threshold(min=0.8), "latency_ms": Threshold(max=50)}}


def _values(*values: float) -> None:
    global VALUES
    VALUES = iter(values)


def test_the_worst_of_the_repeats_is_judged(
    fake: dict[str, dict[str, Threshold]], tmp_path: Path
) -> None:
    _values(0.9, 0.7, 0.95)

    result = run_suites(Settings(data_dir=tmp_path), ["fake"], repeat=3, thresholds=fake)

    accuracy = next(v for v in result.suites[0].verdicts if v.name == "accuracy")
    assert accuracy.value == 0.7 and round(accuracy.spread, 2) == 0.25
    assert not accuracy.passed and not result.passed


def test_a_suite_passes_when_every_threshold_is_met(
    fake: dict[str, dict[str, Threshold]], tmp_path: Path
) -> None:
    _values(0.9)

    result = run_suites(Settings(data_dir=tmp_path), ["fake"], thresholds=fake)

    assert result.passed and all(v.passed for v in result.suites[0].verdicts)


def test_a_threshold_without_its_score_fails(
    fake: dict[str, dict[str, Threshold]], tmp_path: Path
) -> None:
    _values(0.9)
    fake["fake"]["recall"] = Threshold(min=0.5)

    result = run_suites(Settings(data_dir=tmp_path), ["fake"], thresholds=fake)

    assert not result.passed


def test_bad_requests_are_refused_with_what_to_do(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    with pytest.raises(InvalidInput, match="known suites: .*compliance"):
        run_suites(settings, ["nope"])
    with pytest.raises(InvalidInput, match="COPILOT_LLM_BASE_URL"):
        run_suites(settings, ["compliance"], llm="configured")


def test_the_real_thresholds_file_covers_the_existing_suites() -> None:
    marks = load_thresholds()

    assert marks["retrieval"]["recall_at_k"].min == 0.90
    assert marks["compliance"]["block_recall"].min == 0.95


def test_the_compliance_suite_passes_through_the_runner(tmp_path: Path) -> None:
    result = run_suites(Settings(data_dir=tmp_path), ["compliance"])

    suite = result.suites[0]
    assert suite.passed, suite.verdicts
    assert len(suite.result.cases) >= 40 and suite.result.versions["dataset"]


def test_the_report_is_written_with_charts_and_escaped_cases(
    fake: dict[str, dict[str, Threshold]], tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path)
    _values(0.9)

    folder = write_run(settings, run_suites(settings, ["fake"], thresholds=fake))

    html = (folder / "report.html").read_text(encoding="utf-8")
    stored = json.loads((folder / "result.json").read_text(encoding="utf-8"))
    assert stored["suites"][0]["result"]["suite"] == "fake"
    assert html.count("<svg") >= 3  # the suite's line chart, pass rate by tag and by language
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert "Failing cases (1 of 2)" in html


def test_compare_says_what_got_worse(
    fake: dict[str, dict[str, Threshold]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(data_dir=tmp_path)
    monkeypatch.setattr("evals.compare.load_thresholds", lambda: fake)
    _values(0.9, 0.8)
    before = run_suites(settings, ["fake"], thresholds=fake)
    after = run_suites(settings, ["fake"], thresholds=fake)
    after.suites[0].result.cases[0].passed = False

    found = compare_runs(before, after)

    verdicts = {(s.name, s.verdict) for s in found.scores}
    assert ("accuracy", "worse") in verdicts and ("latency_ms", "same") in verdicts
    assert [(c.id, c.before, c.after) for c in found.cases] == [("ok", "passed", "failed")]


def test_compare_refuses_a_file_that_is_not_a_result(tmp_path: Path) -> None:
    (tmp_path / "other.json").write_text('{"not": "a run"}')

    with pytest.raises(InvalidInput, match="is not an eval result"):
        load_run(tmp_path / "other.json")
    with pytest.raises(InvalidInput, match="does not exist"):
        load_run(tmp_path / "missing.json")


@pytest.mark.slow
def test_every_suite_passes_its_thresholds_offline_on_the_demo_book(demo_data_dir: Path) -> None:
    """``copilot eval run all`` in CI: every suite, offline, on a book like ``copilot init``'s.

    Latency marks are left to the benchmark scripts (a loaded CI machine is not a quiet one);
    every other threshold is the release file's.
    """
    marks = {
        suite: {name: mark for name, mark in scores.items() if "latency" not in name}
        for suite, scores in load_thresholds().items()
    }

    result = run_suites(Settings(data_dir=demo_data_dir), list(runner.SUITES), thresholds=marks)

    missed = {
        s.result.suite: [v.name for v in s.verdicts if not v.passed]
        for s in result.suites
        if not s.passed
    }
    assert result.passed, missed
    assert {s.result.suite for s in result.suites} == set(runner.SUITES)
