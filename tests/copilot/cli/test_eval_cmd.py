"""``copilot eval run`` and ``copilot eval compare`` as a user runs them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from copilot.cli.main import app
from evals import runner as eval_runner
from evals.results import Threshold
from tools.foundation.settings import Settings

runner = CliRunner(env={"COLUMNS": "200"})


def _paths(output: str) -> tuple[Path, Path]:
    result = re.search(r"result: (\S+)", output)
    report = re.search(r"report: (\S+)", output)
    assert result and report, output
    return Path(result.group(1)), Path(report.group(1))


def test_a_suite_run_prints_its_scores_and_writes_json_and_html(settings: Settings) -> None:
    answer = runner.invoke(app, ["eval", "run", "compliance"])

    assert answer.exit_code == 0, answer.output
    assert "block_recall" in answer.output and "PASSED" in answer.output
    result, report = _paths(answer.output)
    assert result.is_file() and report.is_file()
    assert str(settings.reports_dir) in str(result)


def test_a_missed_threshold_exits_1(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    impossible = {"compliance": {"block_recall": Threshold(min=1.5)}}
    monkeypatch.setattr(eval_runner, "load_thresholds", lambda: impossible)

    answer = runner.invoke(app, ["eval", "run", "compliance"])

    assert answer.exit_code == 1 and "missed" in answer.output and "FAILED" in answer.output


def test_bad_input_exits_2_and_says_what_to_do(settings: Settings) -> None:
    unknown = runner.invoke(app, ["eval", "run", "nope"])
    wrong_llm = runner.invoke(app, ["eval", "run", "compliance", "--llm", "maybe"])
    no_llm = runner.invoke(app, ["eval", "run", "compliance", "--llm", "configured"])

    assert unknown.exit_code == 2 and "known suites" in unknown.output
    assert wrong_llm.exit_code == 2 and "offline or configured" in wrong_llm.output
    assert no_llm.exit_code == 2 and "COPILOT_LLM_BASE_URL" in no_llm.output


def test_compare_two_runs(settings: Settings, tmp_path: Path) -> None:
    first, _ = _paths(runner.invoke(app, ["eval", "run", "compliance"]).output)
    second, _ = _paths(runner.invoke(app, ["eval", "run", "compliance"]).output)

    same = runner.invoke(app, ["eval", "compare", str(first), str(second)])
    bad = runner.invoke(app, ["eval", "compare", str(first), str(tmp_path / "nope.json")])

    assert same.exit_code == 0 and "no difference" in same.output
    assert bad.exit_code == 2 and "does not exist" in bad.output
