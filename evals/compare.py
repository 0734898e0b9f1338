"""What got better or worse between two eval runs, per suite score and per case."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from evals.results import load_thresholds
from evals.runner import RunResult
from tools.foundation.errors import InvalidInput


class ScoreChange(BaseModel):
    """One score in both runs."""

    suite: str = Field(description="Suite name.")
    name: str = Field(description="Score name.")
    before: float | None = Field(description="Value in run A (None: not scored).")
    after: float | None = Field(description="Value in run B (None: not scored).")
    verdict: str = Field(description="better, worse, same or changed (no threshold direction).")


class CaseChange(BaseModel):
    """A case whose outcome differs between the runs."""

    suite: str = Field(description="Suite name.")
    id: str = Field(description="Case id.")
    before: str = Field(description="passed, failed or absent in run A.")
    after: str = Field(description="passed, failed or absent in run B.")


class Comparison(BaseModel):
    """Run A against run B."""

    before: str = Field(description="Run id of A.")
    after: str = Field(description="Run id of B.")
    scores: list[ScoreChange] = Field(description="Every score of either run.")
    cases: list[CaseChange] = Field(description="Cases whose outcome changed.")


def load_run(path: Path) -> RunResult:
    """Read a ``result.json`` written by ``copilot eval run``.

    Raises:
        InvalidInput: the file is missing, not JSON, or not an eval result.
    """
    try:
        return RunResult.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError as error:
        raise InvalidInput(
            f"{path} does not exist: pass a result.json of `copilot eval run`."
        ) from error
    except (json.JSONDecodeError, ValidationError, UnicodeDecodeError) as error:
        raise InvalidInput(
            f"{path} is not an eval result (result.json of `copilot eval run`)."
        ) from error


def _verdict(suite: str, name: str, before: float | None, after: float | None) -> str:
    if before is None or after is None or before == after:
        return "same" if before == after else "changed"
    mark = load_thresholds().get(suite, {}).get(name)
    if mark is None:
        return "changed"
    higher_is_better = mark.min is not None
    return "better" if (after > before) == higher_is_better else "worse"


def compare_runs(before: RunResult, after: RunResult) -> Comparison:
    """Compare two runs score by score and case by case."""
    scores: list[ScoreChange] = []
    cases: list[CaseChange] = []
    a = {s.result.suite: s.result for s in before.suites}
    b = {s.result.suite: s.result for s in after.suites}
    for suite in sorted(set(a) | set(b)):
        old = a[suite].scores if suite in a else {}
        new = b[suite].scores if suite in b else {}
        for name in sorted(set(old) | set(new)):
            x, y = old.get(name), new.get(name)
            scores.append(
                ScoreChange(
                    suite=suite, name=name, before=x, after=y, verdict=_verdict(suite, name, x, y)
                )
            )
        was = {
            c.id: "passed" if c.passed else "failed" for c in (a[suite].cases if suite in a else [])
        }
        now = {
            c.id: "passed" if c.passed else "failed" for c in (b[suite].cases if suite in b else [])
        }
        for case in sorted(set(was) | set(now)):
            if was.get(case) != now.get(case):
                cases.append(
                    CaseChange(
                        suite=suite,
                        id=case,
                        before=was.get(case, "absent"),
                        after=now.get(case, "absent"),
                    )
                )
    return Comparison(before=before.run_id, after=after.run_id, scores=scores, cases=cases)
