"""The shape every eval suite returns, and the release thresholds it is judged against.

A suite computes scores and per-case outcomes; it never decides whether it passed. The runner
(``evals/runner.py``) compares each score with ``evals/thresholds.yaml`` (one home for every
pass mark), writes the JSON result and the HTML report, and exits non-zero on a miss.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field

THRESHOLDS = Path(__file__).resolve().parent / "thresholds.yaml"
"""The release thresholds of every suite."""


class Threshold(BaseModel):
    """A pass mark: the score must be at least ``min`` and/or at most ``max``."""

    min: float | None = Field(None, description="Lowest passing value.")
    max: float | None = Field(None, description="Highest passing value.")
    optional: bool = Field(
        False, description="The score may be absent (a benchmark whose data is not installed)."
    )

    def met(self, value: float) -> bool:
        """Return whether a score meets the mark."""
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)

    def describe(self) -> str:
        """Return the mark in words: ``>= 0.9``, ``<= 30``, ``0 .. 0.1``."""
        if self.min is not None and self.max is not None:
            return f"{self.min:g} .. {self.max:g}"
        return f">= {self.min:g}" if self.min is not None else f"<= {self.max:g}"


class CaseResult(BaseModel):
    """One case of a suite: whether it came out as expected, and what to look at if not."""

    id: str = Field(description="Case id from the dataset.")
    passed: bool = Field(description="The case's expectation held.")
    tags: list[str] = Field(default_factory=list, description="Dataset tags (for charts).")
    language: str | None = Field(None, description="Language of the case, if any.")
    expected: Any = Field(None, description="What the dataset expects.")
    got: Any = Field(None, description="What the system did.")
    detail: dict[str, Any] = Field(
        default_factory=dict, description="Draft, facts, findings: what a reader needs."
    )


class Series(BaseModel):
    """A chart's data: points (x, y), drawn as inline SVG in the report."""

    title: str = Field(description="Chart title.")
    kind: Literal["bar", "line"] = Field(description="bar: labelled values; line: x-y curve.")
    x_label: str = Field("", description="What x is.")
    y_label: str = Field("", description="What y is.")
    points: list[tuple[str | float, float]] = Field(description="(label or x, y) pairs.")
    reference: list[tuple[float, float]] | None = Field(
        None, description="A reference line (the diagonal of a calibration plot)."
    )


class SuiteResult(BaseModel):
    """What one suite run produced."""

    suite: str = Field(description="Suite name.")
    scores: dict[str, float] = Field(description="Score name -> value.")
    cases: list[CaseResult] = Field(default_factory=list, description="Per-case outcomes.")
    versions: dict[str, str] = Field(
        default_factory=dict, description="Dataset, model, prompt, rule-pack, corpus versions."
    )
    charts: list[Series] = Field(default_factory=list, description="Charts for the report.")
    notices: list[str] = Field(default_factory=list, description="Skipped parts, and why.")
    seconds: float = Field(0.0, description="Wall time of the suite.")


@lru_cache(maxsize=1)
def load_thresholds(path: Path = THRESHOLDS) -> dict[str, dict[str, Threshold]]:
    """Return every suite's thresholds by score name."""
    with path.open(encoding="utf-8") as handle:
        raw: dict[str, dict[str, dict[str, float]]] = yaml.safe_load(handle)
    return {
        suite: {score: Threshold.model_validate(mark) for score, mark in marks.items()}
        for suite, marks in raw.items()
    }


def suite_thresholds(suite: str) -> dict[str, Threshold]:
    """Return one suite's thresholds (empty when it has none)."""
    return load_thresholds().get(suite, {})
