"""Run eval suites, judge them against ``evals/thresholds.yaml``, write JSON and HTML.

``run_suites`` runs each named suite ``repeat`` times, keeps the worst value of each score in
the direction of its threshold (the lowest for a minimum, the highest for a maximum), and
records the spread; a suite passes when every score with a threshold meets it. The result
goes to ``<data dir>/reports/evals/<stamp>/result.json`` with ``report.html`` beside it.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from evals.results import SuiteResult, Threshold, load_thresholds
from tools.foundation.errors import InvalidInput
from tools.foundation.settings import Settings

SUITES: dict[str, str] = {
    "recommendations": "evals.recommendations:run",
    "models": "evals.models:run",
    "robustness": "evals.robustness:run",
    "drafts": "evals.drafts:run",
    "compliance": "evals.adapters:compliance",
    "retrieval": "evals.adapters:retrieval",
}
"""Suite name -> ``module:function`` returning a ``SuiteResult`` (add new suites here)."""
LlmMode = Literal["offline", "configured"]


class ScoreVerdict(BaseModel):
    """One score against its threshold."""

    name: str = Field(description="Score name.")
    value: float = Field(description="The judged value (worst over the repeats).")
    spread: float = Field(0.0, description="Largest minus smallest value over the repeats.")
    threshold: str | None = Field(None, description="The mark in words; None: reported only.")
    passed: bool = Field(description="Meets its threshold (True when it has none).")


class SuiteVerdict(BaseModel):
    """A suite's result with its verdict."""

    result: SuiteResult = Field(description="Scores, cases, charts and versions (last run).")
    verdicts: list[ScoreVerdict] = Field(description="Each score against its threshold.")
    passed: bool = Field(description="Every score with a threshold meets it.")


class RunResult(BaseModel):
    """One ``copilot eval run``: every suite's verdict and what produced it."""

    run_id: str = Field(description="UTC timestamp id of the run.")
    started_at: datetime = Field(description="When it started (UTC).")
    seconds: float = Field(description="Wall time.")
    llm: LlmMode = Field(description="offline drafter, or the configured LLM.")
    model: str | None = Field(None, description="The configured LLM model, if used.")
    repeat: int = Field(description="Runs per suite.")
    sample: int | None = Field(None, description="Cases per suite at most (None: all).")
    suites: list[SuiteVerdict] = Field(description="Per suite.")
    passed: bool = Field(description="Every suite passed.")


def load_suite(name: str) -> Callable[..., SuiteResult]:
    """Return a registered suite's run function.

    Raises:
        InvalidInput: no suite has that name (the message lists the known ones).
    """
    if name not in SUITES:
        raise InvalidInput(f"Unknown suite {name!r}; known suites: {', '.join(SUITES)}, all.")
    module_name, function_name = SUITES[name].split(":")
    function: Callable[..., SuiteResult] = getattr(
        importlib.import_module(module_name), function_name
    )
    return function


def _judge(runs: list[SuiteResult], marks: dict[str, Threshold]) -> tuple[list[ScoreVerdict], bool]:
    verdicts: list[ScoreVerdict] = []
    for name in runs[-1].scores:
        values = [run.scores[name] for run in runs if name in run.scores]
        mark = marks.get(name)
        worst = min(values) if mark is None or mark.min is not None else max(values)
        verdicts.append(
            ScoreVerdict(
                name=name,
                value=worst,
                spread=max(values) - min(values),
                threshold=mark.describe() if mark else None,
                passed=mark.met(worst) if mark else True,
            )
        )
    missing = [n for n, mark in marks.items() if n not in runs[-1].scores and not mark.optional]
    verdicts += [
        ScoreVerdict(name=n, value=float("nan"), threshold=marks[n].describe(), passed=False)
        for n in missing
    ]
    return verdicts, all(v.passed for v in verdicts)


def run_suites(
    settings: Settings,
    names: list[str],
    *,
    llm: LlmMode = "offline",
    repeat: int = 1,
    sample: int | None = None,
    thresholds: dict[str, dict[str, Threshold]] | None = None,
    on_suite: Callable[[str], None] | None = None,
    options: dict[str, Any] | None = None,
) -> RunResult:
    """Run suites and judge them; ``thresholds`` defaults to ``evals/thresholds.yaml``.

    Raises:
        InvalidInput: an unknown suite, ``repeat`` below 1, or ``llm=configured`` without an
            LLM endpoint in the settings.
    """
    if repeat < 1:
        raise InvalidInput("--repeat must be at least 1.")
    if llm == "configured" and not settings.llm_base_url:
        raise InvalidInput("--llm configured needs COPILOT_LLM_BASE_URL (and COPILOT_LLM_MODEL).")
    runners = {name: load_suite(name) for name in names}
    marks = thresholds if thresholds is not None else load_thresholds()
    started, clock = datetime.now(UTC), time.monotonic()
    verdicts: list[SuiteVerdict] = []
    for name, runner in runners.items():
        if on_suite is not None:
            on_suite(name)
        runs = []
        for _ in range(repeat):
            began = time.monotonic()
            result = runner(settings, sample=sample, llm=llm, **(options or {}))
            runs.append(result.model_copy(update={"seconds": time.monotonic() - began}))
        judged, passed = _judge(runs, marks.get(name, {}))
        verdicts.append(SuiteVerdict(result=runs[-1], verdicts=judged, passed=passed))
    return RunResult(
        run_id=started.strftime("%Y%m%dT%H%M%SZ"),
        started_at=started,
        seconds=round(time.monotonic() - clock, 2),
        llm=llm,
        model=settings.llm_model if llm == "configured" else None,
        repeat=repeat,
        sample=sample,
        suites=verdicts,
        passed=all(v.passed for v in verdicts),
    )


def write_run(settings: Settings, run: RunResult) -> Path:
    """Write ``result.json`` and ``report.html`` under the data dir; return the folder."""
    from evals.report_html import render_report

    base = settings.reports_dir / "evals" / run.run_id
    folder, number = base, 1
    while folder.exists():  # two runs in one second keep both results
        number += 1
        folder = base.with_name(f"{run.run_id}-{number}")
    folder.mkdir(parents=True)
    (folder / "result.json").write_text(run.model_dump_json(indent=2), encoding="utf-8")
    (folder / "report.html").write_text(render_report(run), encoding="utf-8")
    return folder
