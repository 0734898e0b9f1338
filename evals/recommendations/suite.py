"""Run the recommendations suite: derive the cases, ask the panel's recommender, score them."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from copilot.customer_view import RecommendationsPublic, load_view_inputs, recommendations_view
from copilot.turn_inputs import TurnInputs
from evals.recommendations.cases import Case
from evals.recommendations.charts import score_charts
from evals.recommendations.dataset import DATASET_PATH, Dataset, load_dataset
from evals.recommendations.derive import Derivation, derive_cases, sample_cases
from evals.recommendations.scoring import CaseScore, aggregate, score_case
from evals.results import CaseResult, SuiteResult
from tools.book.clock import resolve_now
from tools.book.repository import book_meta
from tools.catalogue.loader import load_catalogue
from tools.eligibility.pack import load_eligibility_rules
from tools.foundation.db import session_factory
from tools.foundation.settings import Settings
from tools.registry import ModelNotTrained

Recommender = Callable[[TurnInputs], RecommendationsPublic]
"""What the panel shows for a customer's inputs (the planted-defect tests swap it)."""


class _Inputs:
    """Each customer's turn inputs, read once per run (the draw and the scoring share them)."""

    def __init__(self, settings: Settings, now: datetime) -> None:
        self.settings, self.now = settings, now
        self.cache: dict[str, TurnInputs] = {}
        self.notices: list[str] = []

    def of(self, customer_id: str) -> TurnInputs:
        if customer_id not in self.cache:
            self.cache[customer_id] = load_view_inputs(self.settings, customer_id, self.now)
        return self.cache[customer_id]

    def keep(self, customer_ids: set[str]) -> None:
        # The draw reads many customers; only the drawn ones are decided.
        self.cache = {k: v for k, v in self.cache.items() if k in customer_ids}

    def worst_quintile(self, customer_id: str) -> frozenset[str]:
        try:
            risk = self.of(customer_id).risk_profile()
        except ModelNotTrained:
            notice = "no credibility model: worst-quintile products are not checked"
            if notice not in self.notices:
                self.notices.append(notice)
            return frozenset()
        return frozenset(code for code, r in risk.products.items() if r.worst_quintile)


def _got(view: RecommendationsPublic) -> dict[str, Any]:
    return {
        "recommendations": [a.product for a in view.recommendations],
        "actions": [
            f"{a.rank}. {a.kind} {a.product or '-'} ({a.trigger}, {a.urgency}, due "
            f"{a.due_by:%Y-%m-%d %H:%M}, {a.channel}/{a.delivery})"
            for a in view.actions
        ],
        "ranking_basis": view.ranking_basis,
    }


def _decide(recommender: Recommender, inputs: TurnInputs, repeat: int) -> tuple[Any, bool]:
    views = [recommender(inputs) for _ in range(max(repeat, 1))]
    dumps = {json.dumps(v.model_dump(mode="json", exclude={"decided_at"})) for v in views}
    return views[0], len(dumps) == 1


def _result(case: Case, view: RecommendationsPublic, score: CaseScore, stable: bool) -> CaseResult:
    detail = score.model_dump()
    detail["stable"] = stable
    return CaseResult(
        id=case.id,
        passed=score.passed and stable,
        tags=case.tags,
        expected=case.model_dump(mode="json", exclude={"customer_id"}),
        got=_got(view),
        detail=detail,
    )


def _versions(
    dataset: Dataset, meta: dict[str, str], cases: list[Case], views: list[RecommendationsPublic]
) -> dict[str, str]:
    seen: dict[str, set[str]] = {"ranking_basis": {v.ranking_basis for v in views}}
    for view in views:
        for key, value in view.versions.items():
            seen.setdefault(key, set()).add(value)
    digest = hashlib.sha256(
        json.dumps([c.model_dump(mode="json") for c in cases], sort_keys=True).encode()
    ).hexdigest()[:12]
    return {
        "dataset": f"{dataset.id} {dataset.version}",
        "derivation": dataset.generated.derivation_version,
        "cases_digest": digest,
        **{f"book_{k}": v for k, v in sorted(meta.items())},
        "catalogue": load_catalogue().version,
        "eligibility_rules": load_eligibility_rules().version,
        **{key: ", ".join(sorted(values)) for key, values in seen.items()},
    }


def _book_notices(dataset: Dataset, meta: dict[str, str], derivation: Derivation) -> list[str]:
    ref = dataset.generated.reference_book
    found = (meta.get("seed"), meta.get("customers"), meta.get("as_of"))
    notices = list(derivation.notices)
    if found != (str(ref.seed), str(ref.customers), ref.as_of.isoformat()):
        notices.append(
            f"book (seed, customers, as_of) {found} is not the dataset's reference book "
            f"({ref.seed}, {ref.customers}, {ref.as_of}): other generated cases are drawn"
        )
    return notices


def run(
    settings: Settings,
    *,
    sample: int | None = None,
    repeat: int = 1,
    llm: str = "offline",
    recommender: Recommender = recommendations_view,
    dataset_path: Path = DATASET_PATH,
) -> SuiteResult:
    """Run the recommendations suite on the prepared data dir and return its result.

    Args:
        settings: Settings of a data dir with a loaded book and trained models.
        sample: Score at most this many cases (the seed cases, then every k-th generated one).
        repeat: Decide each case this many times; a case whose answer changes fails.
        llm: Ignored: no language model takes part in ranking (noted when not offline).
        recommender: What the panel shows for a customer (default the API's own view).
        dataset_path: The dataset file.
    """
    started = time.perf_counter()
    dataset = load_dataset(dataset_path)
    with session_factory(settings)() as session:
        now, meta = resolve_now(session, None), book_meta(session)
        inputs = _Inputs(settings, now)
        derivation = derive_cases(
            session,
            dataset,
            now,
            load_catalogue(),
            load_eligibility_rules(),
            inputs.worst_quintile,
        )
    cases = sample_cases(derivation, sample)
    inputs.keep({case.customer_id for case in cases})
    results, views, scores = [], [], []
    for case in cases:
        view, stable = _decide(recommender, inputs.of(case.customer_id), repeat)
        score = score_case(case, view)
        results.append(_result(case, view, score, stable))
        views.append(view)
        scores.append(score)
    values = aggregate(scores)
    notices = _book_notices(dataset, meta, derivation) + inputs.notices
    notices += [f"{name}: no case applies in this run" for name, v in values.items() if v is None]
    total = len(derivation.seed) + len(derivation.generated)
    if len(cases) < total:
        notices.append(f"sampled {len(cases)} of {total} cases; the thresholds are for all")
    if llm != "offline":
        notices.append(f"--llm {llm} ignored: no language model takes part in ranking")
    return SuiteResult(
        suite="recommendations",
        scores={name: v for name, v in values.items() if v is not None},
        cases=results,
        versions=_versions(dataset, meta, cases, views),
        charts=score_charts(cases, scores, dataset),
        notices=notices,
        seconds=round(time.perf_counter() - started, 2),
    )
