from __future__ import annotations

from dataclasses import dataclass, field

import pytest
import typer
from typer.testing import CliRunner, Result

from copilot.cli import eval_cmd


@dataclass
class FakeReport:
    passed: bool
    report_path: str | None = None
    lines: list[str] = field(default_factory=lambda: ["fake suite"])

    def summary_lines(self) -> list[str]:
        return self.lines


def invoke(*args: str) -> Result:
    wrapper = typer.Typer()
    wrapper.add_typer(eval_cmd.app, name="eval")
    return CliRunner().invoke(wrapper, ["eval", *args])


def register(monkeypatch: pytest.MonkeyPatch, passed: bool) -> None:
    monkeypatch.setattr(eval_cmd, "SUITES", {"fake": "fake_suite:run"})
    monkeypatch.setattr(eval_cmd, "load_suite", lambda name: lambda settings: FakeReport(passed))


def test_failed_threshold_exits_non_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    register(monkeypatch, passed=False)
    result = invoke("run", "fake")
    assert result.exit_code == 1 and "fake suite" in result.output


def test_passed_suite_exits_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    register(monkeypatch, passed=True)
    assert invoke("run", "fake").exit_code == 0


def test_unknown_suite_names_the_known_ones() -> None:
    result = invoke("run", "nope")
    assert result.exit_code != 0 and "retrieval" in result.output
