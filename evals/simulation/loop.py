"""Play the learning loop on a generated book: recommend, present, outcome, retrain, again.

Since there are no real customers here, responses come from the generator's ground truth:
a customer offered product k accepts with their true probability of buying k (``GroundTruth``,
never seen by the models). The run, ``days`` long from the book's as-of date:

1. A generated book of ``customers`` firms; arms by stable hashing (``tools/experiment``):
   ``control_share`` held out as control, the rest treated; treated customers are split, also
   by hash, into two equal cohorts, one per half of the run.
2. Model v1 (the shipped features and estimator, trained on the book's latest labelled window)
   offers each first-half customer the top product they do not hold, on a random day of the
   first half; offers, outcomes (accepted, declined or no answer) and the policies bought are
   recorded in the learning loop's tables and the book.
3. Retrain at halfway: v2 rescales each product by its observed over predicted acceptances
   among v1's offers, read back from the records (``scoring.recalibrate``); v2 offers to the
   second-half cohort. (Appending the outcomes as labelled rows to each product's classifier
   was measured too and made the offers worse; see the README.) The cohorts are random halves
   of the same book, so before and after differ by the model and by sampling noise; the
   expected rates (mean true probability of the offers) are reported beside the drawn ones.
4. Control customers get no offer; they buy the product the champion would have offered with
   ``organic_share`` of their true probability (an explicit assumption of the spec).
5. Offers left unanswered get ``no_response`` after ``outcome_no_response_days``; the
   conversion report then gives conversion per model version and, customer by customer, the
   uplift of the treated over control with its 95 % interval.
"""

from __future__ import annotations

import tempfile
from datetime import datetime, time, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from evals.simulation.models import SimulationResult, SimulationSpec
from evals.simulation.play import Period, buy_organically, learned_outcomes, present, top_products
from evals.simulation.scoring import current_features, fit_models, recalibrate, score, window_labels
from tools.book.generator import BookSpec, generate_book
from tools.book.models import GroundTruth
from tools.book.schema import migrate
from tools.catalogue.loader import load_catalogue
from tools.experiment.arms import Experiment, arm_of, bucket
from tools.foundation.db import session_factory
from tools.foundation.settings import Settings
from tools.learning.conversion import conversion_report
from tools.learning.outcomes import mark_no_response
from tools.propensity.book_frames import load_book_frames


def simulate(spec: SimulationSpec, work_dir: Path | None = None) -> SimulationResult:
    """Run the loop on a freshly generated book (in ``work_dir`` or a scratch directory)."""
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(data_dir=work_dir or Path(scratch))
        settings.ensure_dirs()
        migrate(settings)
        with session_factory(settings)() as session:
            book = BookSpec(customers=spec.customers, seed=spec.seed, as_of=spec.as_of)
            generate_book(session, book)
            result = _play(session, spec, settings.outcome_no_response_days)
            session.commit()
        return result


def _truth(session: Session) -> pd.DataFrame:
    rows = session.execute(select(GroundTruth.customer_id, GroundTruth.purchase_probability))
    return pd.DataFrame({customer: p for customer, p in rows}).T


def _cohorts(ids: list[str], spec: SimulationSpec) -> tuple[list[str], list[str], list[str]]:
    experiment = Experiment(control_share=spec.control_share, salt=f"sim-{spec.seed}")
    treated = [c for c in ids if arm_of(c, experiment) != "control"]
    first = [c for c in treated if bucket(c, f"cohort-{spec.seed}") < 0.5]
    second = [c for c in treated if c not in set(first)]
    return first, second, [c for c in ids if arm_of(c, experiment) == "control"]


def _play(session: Session, spec: SimulationSpec, no_response_days: int) -> SimulationResult:
    catalogue, rng = load_catalogue(), np.random.default_rng(spec.seed)
    frames = load_book_frames(session)
    features = current_features(frames, spec.as_of, catalogue)
    truth = _truth(session).reindex(columns=catalogue.codes)
    ids = sorted(set(truth.index) & set(next(iter(features.values())).index))
    first, second, control = _cohorts(ids, spec)
    start = datetime.combine(spec.as_of, time(9))
    halfway, end = start + timedelta(days=spec.days / 2), start + timedelta(days=spec.days)
    v1 = score(fit_models(window_labels(frames, spec.as_of, catalogue), spec.C), features)
    before = Period(start, halfway, "sim-v1", "champion")
    expected_before = present(
        session, top_products(v1, truth, first), truth, before, rng, catalogue
    )
    outcomes = learned_outcomes(session, "sim-v1")
    v2 = recalibrate(v1, outcomes)
    after = Period(halfway, end, "sim-v2", "champion")
    expected_after = present(session, top_products(v2, truth, second), truth, after, rng, catalogue)
    held_out = top_products(v1, truth, control)
    run = Period(start, end, "-", "control")
    buy_organically(session, held_out, truth, run, spec.organic_share, rng, catalogue)
    mark_no_response(session, end, no_response_days)
    experiment = Experiment(control_share=spec.control_share, salt=f"sim-{spec.seed}")
    report = conversion_report(session, ["model_version"], experiment, since=start, until=end)
    rates = {row.group["model_version"]: row.conversion for row in report.rows}
    lift = report.uplift["champion"]
    return SimulationResult(
        days=spec.days,
        customers=lift.treated_offers + lift.control_offers,
        offers=report.total.offers,
        conversion_before=rates.get("sim-v1", 0.0),
        conversion_after=rates.get("sim-v2", 0.0),
        expected_before=float(np.mean(expected_before)) if expected_before else 0.0,
        expected_after=float(np.mean(expected_after)) if expected_after else 0.0,
        control_customers=lift.control_offers,
        control_conversion=lift.control_conversions / max(lift.control_offers, 1),
        treated_conversion=lift.treated_conversions / max(lift.treated_offers, 1),
        uplift=lift.uplift,
        uplift_ci_low=lift.ci_low,
        uplift_ci_high=lift.ci_high,
        outcomes_learned=len(outcomes),
    )
