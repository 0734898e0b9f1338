"""The suite's charts: precision@2 and oracle agreement by case group, violations by group."""

from __future__ import annotations

from collections.abc import Callable
from statistics import fmean

from evals.recommendations.cases import Case
from evals.recommendations.dataset import Dataset
from evals.recommendations.scoring import CaseScore
from evals.results import Series


def _group(case: Case) -> str:
    return "seed" if case.source == "seed" else case.tags[1]


def _by_group(
    cases: list[Case],
    scores: list[CaseScore],
    order: list[str],
    value: Callable[[CaseScore], float | None],
) -> list[tuple[str | float, float]]:
    groups: dict[str, list[float]] = {}
    for case, score in zip(cases, scores, strict=True):
        v = value(score)
        if v is not None:
            groups.setdefault(_group(case), []).append(v)
    return [(name, round(fmean(groups[name]), 4)) for name in order if name in groups]


def score_charts(cases: list[Case], scores: list[CaseScore], dataset: Dataset) -> list[Series]:
    """Return bar charts of the scores by case group (seed, then each generated stratum)."""
    order = ["seed", *(stratum.tag for stratum in dataset.generated.strata)]
    return [
        Series(
            title="Precision@2 by case group",
            kind="bar",
            x_label="case group",
            y_label="precision@2",
            points=_by_group(cases, scores, order, lambda s: s.precision),
        ),
        Series(
            title="Oracle agreement (NDCG@2 on true purchase probability) by stratum",
            kind="bar",
            x_label="stratum",
            y_label="NDCG@2",
            points=_by_group(cases, scores, order, lambda s: s.oracle_ndcg),
        ),
        Series(
            title="Cases with a forbidden recommendation, by case group",
            kind="bar",
            x_label="case group",
            y_label="share of cases",
            points=_by_group(cases, scores, order, lambda s: float(bool(s.forbidden))),
        ),
    ]
