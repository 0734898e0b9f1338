"""Judge the current model versions on their time-based holdouts (and CoIL 2000 if present).

The holdout figures are computed by the training code on data the model did not see (the
propensity model is fit on the window ending 12 months before the book date and scored on
what customers bought since; churn out of fold; credibility on a hidden product), recorded in
each version's metadata. This suite reads those figures for the *current* versions, derives
the calibration errors, and scores them against ``evals/thresholds.yaml``, so a retrained
model that got worse cannot go live unnoticed. With ISLP installed it also cross-validates
the shipped ``PropensityClassifier`` on the CoIL 2000 Caravan data (loaded at run time).
"""

from __future__ import annotations

import importlib.util
from typing import Any

from evals.results import CaseResult, Series, SuiteResult
from tools.foundation.errors import InvalidInput
from tools.foundation.settings import Settings
from tools.registry.errors import ModelNotTrained
from tools.registry.metadata import ModelMetadata
from tools.registry.store import current_version, load_metadata

MIN_POSITIVES = 20
"""Products with fewer buyers in the holdout are reported, not judged (too noisy)."""
POOLED = "all products, time-based holdout"


def _current(kind: str, settings: Settings) -> ModelMetadata:
    try:
        return load_metadata(kind, current_version(kind, settings.models_dir), settings.models_dir)  # type: ignore[arg-type]
    except ModelNotTrained as error:
        raise InvalidInput(
            f"No trained {kind} model in {settings.models_dir}: run `copilot init` "
            "(or `copilot models train`) first."
        ) from error


def expected_calibration_error(table: list[dict[str, Any]]) -> float:
    """Return the count-weighted mean gap between predicted and observed rate per bin."""
    total = sum(row["n"] for row in table)
    gaps = sum(row["n"] * abs(row["mean_predicted"] - row["observed_rate"]) for row in table)
    return gaps / total if total else 0.0


def _propensity(meta: ModelMetadata) -> tuple[dict[str, float], list[CaseResult], list[Series]]:
    holdout = meta.metrics["time_holdout"]
    products = {
        code: m
        for code, m in meta.metrics.items()
        if isinstance(m, dict) and "auc" in m and "expected_buyers_ratio" in m
    }
    judged = {c: m for c, m in products.items() if m["positives"] >= MIN_POSITIVES}
    errors = {c: abs(1.0 - m["expected_buyers_ratio"]) for c, m in judged.items()}
    cases = [
        CaseResult(
            id=f"propensity/{code}",
            passed=m["auc"] > 0.5 and m["lift_top20"] > 1.0,
            tags=["judged" if code in judged else "few buyers"],
            expected="AUC > 0.5 and lift@20% > 1 on the time holdout",
            got={k: m[k] for k in ("auc", "lift_top20", "positives", "expected_buyers_ratio")},
        )
        for code, m in sorted(products.items())
    ]
    table = meta.calibration.get(POOLED, [])
    charts = [
        Series(
            title="Propensity calibration, time-based holdout (predicted vs observed by decile)",
            kind="line",
            x_label="predicted",
            y_label="observed",
            points=[(row["mean_predicted"], row["observed_rate"]) for row in table],
            reference=[(0.0, 0.0), (max((r["mean_predicted"] for r in table), default=1.0),) * 2],
        ),
        Series(
            title="Propensity lift in the top 20 % by product (time-based holdout)",
            kind="bar",
            y_label="lift",
            points=[(code, m["lift_top20"]) for code, m in sorted(judged.items())],
        ),
        Series(
            title="Propensity calibration error by product: |1 - predicted/actual buyers|",
            kind="bar",
            y_label="error",
            points=sorted(errors.items()),
        ),
    ]
    scores = {
        "propensity_auc": holdout["mean_auc"],
        "propensity_lift_top20": holdout["mean_lift_top20"],
        "propensity_ece": expected_calibration_error(table),
        "propensity_mean_calibration_error": sum(errors.values()) / max(len(errors), 1),
        "propensity_oracle_spearman": holdout["mean_spearman"],
    }
    return scores, cases, charts


def _churn(meta: ModelMetadata) -> tuple[dict[str, float], list[Series]]:
    cv = meta.metrics["churn_12m_5fold_customer_cv"]
    table: list[dict[str, Any]] = next(iter(meta.calibration.values()), [])
    scores = {
        "churn_auc": cv["auc"],
        "churn_lift_top20": cv["lift_top20"],
        "churn_ece": expected_calibration_error(table),
    }
    chart = Series(
        title="Churn calibration, out of fold (predicted vs observed by decile)",
        kind="line",
        x_label="predicted",
        y_label="observed",
        points=[(row["mean_predicted"], row["observed_rate"]) for row in table],
        reference=[(0.0, 0.0), (max((r["mean_predicted"] for r in table), default=1.0),) * 2],
    )
    return scores, [chart]


def _credibility(meta: ModelMetadata) -> tuple[dict[str, float], list[CaseResult]]:
    products = {c: m for c, m in meta.metrics.items() if isinstance(m, dict) and "Phi5" in m}
    cases = [
        CaseResult(
            id=f"credibility/{code}",
            passed=m["Phi5"] > m["Phi1-4"],
            expected="the worst fifth claims more than expected, the rest less (Phi5 > Phi1-4)",
            got={k: m[k] for k in ("Phi1", "Phi5", "Phi1-4", "customers")},
        )
        for code, m in sorted(products.items())
    ]
    spreads = [m["Phi5"] - m["Phi1"] for m in products.values()]
    scores = {
        "credibility_quintile_spread": sum(spreads) / max(len(spreads), 1),
        "credibility_ordered_share": sum(c.passed for c in cases) / max(len(cases), 1),
    }
    return scores, cases


def _caravan() -> tuple[dict[str, float], list[str]]:
    if importlib.util.find_spec("ISLP") is None:
        return {}, ["CoIL 2000 skipped: ISLP is not installed (pip install --no-deps ISLP)."]
    from evals.bench.caravan import COIL_TEST_BUYERS, load_caravan, out_of_fold, top_capture
    from tools.propensity.estimator import PropensityClassifier

    X, y = load_caravan()
    scores, aucs = out_of_fold(PropensityClassifier(), X, y)
    hits = top_capture(scores, y) * COIL_TEST_BUYERS / y.sum()
    return {"coil_auc": sum(aucs) / len(aucs), "coil_hits_rescaled": hits}, [
        "CoIL 2000: 10-fold CV on the Caravan training set, top 20 % rescaled to 238 buyers."
    ]


def run(settings: Settings, *, sample: int | None = None, **_: Any) -> SuiteResult:
    """Score the current propensity, churn and credibility versions (and CoIL 2000)."""
    propensity, churn, credibility = (
        _current(kind, settings) for kind in ("propensity", "churn", "credibility")
    )
    p_scores, p_cases, p_charts = _propensity(propensity)
    c_scores, c_charts = _churn(churn)
    k_scores, k_cases = _credibility(credibility)
    coil, notices = _caravan()
    cases = p_cases + k_cases
    return SuiteResult(
        suite="models",
        scores={**p_scores, **c_scores, **k_scores, **coil},
        cases=cases[:sample] if sample else cases,
        versions={
            "propensity": propensity.version,
            "churn": churn.version,
            "credibility": credibility.version,
            "book_snapshot": propensity.data_snapshot,
        },
        charts=p_charts + c_charts,
        notices=notices,
    )
