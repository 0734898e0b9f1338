"""Play the learning loop on a generated book: recommend, present, outcome, retrain, again.

Since there are no real customers here, responses come from the generator's ground truth:
a customer offered product k accepts with their true probability of buying k (``GroundTruth``,
never seen by the models). The run, ``days`` long:

1. A generated book of ``customers`` firms; arms by stable hashing (``tools/experiment/arms``):
   ``control_share`` held out as control, the rest treated; treated customers are split, also
   by hash, into two equal cohorts, one per half of the run.
2. Model v1 (the shipped features and estimator, trained on the book's latest labelled window)
   picks each first-half customer's top product they do not hold; it is presented and the
   outcome drawn. Before: the accepted share of those offers.
3. Retrain (v2): each product's scores are rescaled by its observed over predicted
   acceptances among the first-half offers (``scoring.recalibrate``), then v2 presents to the
   second-half cohort. (Appending the outcomes as labelled rows to each product's classifier
   was measured too and made the picks worse: offers' acceptance rates sit far above the
   window's 12-month purchase rates, so the products offered most got their intercepts pushed
   up; see the README.) After: the accepted share of those offers. The cohorts are random
   halves of the same book, so the difference is the model's, up to sampling noise (the
   expected rates, the mean true probability of the offers, are reported beside the drawn).
4. Control customers get no offer; they buy the product the champion would have picked with
   ``organic_share`` of their true probability (an explicit assumption, stated in the spec).
   Uplift: treated conversion minus control conversion, 95 % Wald interval (``uplift.py``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import select

from tools.book.generator import BookSpec, generate_book
from tools.book.models import GroundTruth
from tools.book.schema import migrate
from tools.catalogue.loader import load_catalogue
from tools.experiment.arms import Experiment, arm_of, bucket
from tools.foundation.db import session_factory
from tools.foundation.settings import Settings
from tools.learning.uplift import uplift
from tools.propensity.book_frames import load_book_frames
from tools.simulation.models import SimulationResult, SimulationSpec
from tools.simulation.scoring import (
    current_features,
    fit_models,
    recalibrate,
    score,
    window_labels,
)


def _top_products(
    scores: pd.DataFrame, truth: pd.DataFrame, ids: Sequence[str]
) -> list[tuple[str, str]]:
    # The highest-scored product the customer does not hold (held products have no truth).
    picks = []
    for customer in ids:
        open_products = truth.columns[truth.loc[customer].notna().to_numpy()]
        ranked = scores.loc[customer, open_products].dropna()
        if not ranked.empty:
            picks.append((customer, str(ranked.idxmax())))
    return picks


def _present(
    picks: list[tuple[str, str]], truth: pd.DataFrame, rng: np.random.Generator, share: float = 1.0
) -> list[tuple[str, str, bool, float]]:
    probabilities = [float(truth.loc[c, k]) * share for c, k in picks]
    draws = rng.random(len(picks)) < np.array(probabilities)
    return [(c, k, bool(d), p) for (c, k), d, p in zip(picks, draws, probabilities, strict=True)]


def _rate(played: list[tuple[str, str, bool, float]]) -> tuple[float, float]:
    if not played:
        return 0.0, 0.0
    return sum(a for *_, a, _ in played) / len(played), sum(p for *_, p in played) / len(played)


def simulate(spec: SimulationSpec, work_dir: Path | None = None) -> SimulationResult:
    """Run the loop on a freshly generated book and return what it measured."""
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(data_dir=work_dir or Path(scratch))
        settings.ensure_dirs()
        migrate(settings)
        with session_factory(settings)() as session:
            generate_book(
                session, BookSpec(customers=spec.customers, seed=spec.seed, as_of=spec.as_of)
            )
            frames = load_book_frames(session)
            truth_rows = session.execute(
                select(GroundTruth.customer_id, GroundTruth.purchase_probability)
            )
            truth = pd.DataFrame({c: p for c, p in truth_rows}).T
        return _play(spec, frames, truth)


def _play(spec: SimulationSpec, frames, truth: pd.DataFrame) -> SimulationResult:  # type: ignore[no-untyped-def]
    catalogue = load_catalogue()
    truth = truth.reindex(columns=catalogue.codes)
    rng = np.random.default_rng(spec.seed)
    experiment = Experiment(control_share=spec.control_share, salt=f"sim-{spec.seed}")
    features = current_features(frames, spec.as_of, catalogue)
    ids = sorted(set(truth.index) & set(next(iter(features.values())).index))
    control = [c for c in ids if arm_of(c, experiment) == "control"]
    treated = [c for c in ids if arm_of(c, experiment) != "control"]
    first = [c for c in treated if bucket(c, f"cohort-{spec.seed}") < 0.5]
    second = [c for c in treated if bucket(c, f"cohort-{spec.seed}") >= 0.5]
    labels = window_labels(frames, spec.as_of, catalogue)
    v1 = score(fit_models(labels, spec.C), features)
    before = _present(_top_products(v1, truth, first), truth, rng)
    outcomes = [(c, k, a) for c, k, a, _ in before]
    v2 = recalibrate(v1, outcomes)
    after = _present(_top_products(v2, truth, second), truth, rng)
    held_out = _present(_top_products(v1, truth, control), truth, rng, spec.organic_share)
    treated_played = before + after
    treated_wins = sum(a for *_, a, _ in treated_played)
    control_wins = sum(a for *_, a, _ in held_out)
    lift = uplift((treated_wins, len(treated_played)), (control_wins, len(held_out)))
    (conv_before, exp_before), (conv_after, exp_after) = _rate(before), _rate(after)
    return SimulationResult(
        days=spec.days,
        customers=len(ids),
        offers=len(treated_played),
        conversion_before=conv_before,
        conversion_after=conv_after,
        expected_before=exp_before,
        expected_after=exp_after,
        control_customers=len(held_out),
        control_conversion=_rate(held_out)[0],
        treated_conversion=treated_wins / len(treated_played) if treated_played else 0.0,
        uplift=lift.uplift,
        uplift_ci_low=lift.ci_low,
        uplift_ci_high=lift.ci_high,
        outcomes_learned=len(outcomes),
    )
