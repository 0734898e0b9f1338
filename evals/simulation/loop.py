"""Play the learning loop on a generated book: recommend, present, outcome, retrain, again.

Since there are no real customers here, responses come from the generator's ground truth
(``GroundTruth``, never seen by the models). The run, ``days`` long from the book's as-of date:

1. A generated book of ``customers`` firms; arms by stable hashing (``tools/experiment``):
   ``control_share`` held out as control, the rest treated; treated customers are split, also
   by hash, into two equal cohorts, one per half of the run.
2. Model v1, the shipped model trained as shipped (``scoring.train_v1``), offers each
   first-half customer the top product they do not hold, on a random day of the first half.
   A customer accepts with their *acceptance chance*: their true purchase probability times
   the product's responsiveness to offers (``response_spread``, an explicit assumption: some
   products sell better when offered than their organic purchase rate says, which is what a
   12-month purchase model cannot see and outcomes can teach). Otherwise they decline or
   never answer; the simulated advisor rates ``rating_share`` of those (``play.Advisors``).
   Offers, outcomes, ratings and the policies bought are recorded in the learning loop's
   tables and the book.
3. At halfway offers waiting ``outcome_no_response_days`` get ``no_response``, and the model is
   retrained as shipped: the same window plus the per-product offsets learned from the
   settled offers and ratings read back from the records (``scoring.retrain``). v2 offers to
   the second cohort. The cohorts are random halves of the same book, so before and after
   differ by the model and by sampling noise; the expected rates (mean acceptance chance of
   the offers) are reported beside the drawn ones, and the oracle's (the best product of
   each second-cohort customer) as the ceiling.
4. Control customers get no offer; they buy the product v1 would have offered with
   ``organic_share`` of their true probability (an explicit assumption of the spec).
5. At the end the conversion report gives conversion per model version and, customer by
   customer, the uplift of the treated over control with its 95 % interval.
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
from evals.simulation.play import Advisors, Period, buy_organically, present, top_products
from evals.simulation.scoring import retrain, score, train_v1
from tools.book.generator import BookSpec, generate_book
from tools.book.models import GroundTruth
from tools.book.schema import migrate
from tools.catalogue.loader import load_catalogue
from tools.experiment.arms import Experiment, arm_of, bucket
from tools.foundation.db import session_factory
from tools.foundation.settings import Settings
from tools.learning.conversion import conversion_report
from tools.learning.outcomes import mark_no_response
from tools.learning.uplift import uplift
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
            result = play(session, spec, settings.outcome_no_response_days)
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


def responsiveness(spec: SimulationSpec, codes: list[str]) -> pd.Series:
    """Return each product's hidden response to offers, ``exp(z)`` with ``z`` centred."""
    z = np.random.default_rng([spec.seed, 2]).normal(0.0, spec.response_spread, len(codes))
    return pd.Series(np.exp(z - z.mean()), index=codes)


def _acceptance(truth: pd.DataFrame, spec: SimulationSpec) -> pd.DataFrame:
    return (truth * responsiveness(spec, list(truth.columns))).clip(upper=0.95)


def _oracle(acceptance: pd.DataFrame, ids: list[str]) -> float:
    best = acceptance.loc[ids].max(axis=1).dropna()
    return float(best.mean()) if not best.empty else 0.0


def play(session: Session, spec: SimulationSpec, no_response_days: int) -> SimulationResult:
    """Play the loop on the book in ``session`` (``spec.as_of`` is its as-of date; see above).

    ``simulate`` runs it on a fresh scratch book; the README's screenshots run it on a copy of
    the demo book so the team page has offers to show.
    """
    catalogue, rng = load_catalogue(), np.random.default_rng(spec.seed)
    frames = load_book_frames(session)
    truth = _truth(session).reindex(columns=catalogue.codes)
    acceptance = _acceptance(truth, spec)
    v1 = train_v1(frames, spec.as_of, catalogue, spec.C)
    first_scores = score(v1, frames, spec.as_of, catalogue)
    ids = sorted(set(truth.index) & set(first_scores.index))
    first, second, control = _cohorts(ids, spec)
    start = datetime.combine(spec.as_of, time(9))
    halfway, end = start + timedelta(days=spec.days / 2), start + timedelta(days=spec.days)
    picks = top_products(first_scores, truth, first)
    chances = [float(acceptance.loc[c, k]) for c, k, _ in picks]
    advisors = Advisors(spec.rating_share, float(np.median(chances)) if chances else 0.0)
    before = Period(start, halfway, "sim-v1", "champion")
    expected_before = present(session, picks, acceptance, before, rng, catalogue, advisors)
    mark_no_response(session, halfway, no_response_days)
    v2, learned = retrain(v1, session, halfway, catalogue)
    second_scores = score(v2, load_book_frames(session), halfway.date(), catalogue)
    after = Period(halfway, end, "sim-v2", "champion")
    expected_after = present(
        session,
        top_products(second_scores, truth, second),
        acceptance,
        after,
        rng,
        catalogue,
        advisors,
    )
    held_out = top_products(first_scores, truth, control)
    run = Period(start, end, "-", "control")
    buy_organically(session, held_out, truth, run, spec.organic_share, rng, catalogue)
    mark_no_response(session, end, no_response_days)
    experiment = Experiment(control_share=spec.control_share, salt=f"sim-{spec.seed}")
    report = conversion_report(session, ["model_version"], experiment, since=start, until=end)
    rates = {row.group["model_version"]: row.conversion for row in report.rows}
    counts = {row.group["model_version"]: (row.conversions, row.offers) for row in report.rows}
    # The same difference of two proportions as the uplift, after against before.
    gain = uplift(counts.get("sim-v2", (0, 0)), counts.get("sim-v1", (0, 0)))
    lift = report.uplift["champion"]
    return SimulationResult(
        days=spec.days,
        customers=lift.treated_offers + lift.control_offers,
        offers=report.total.offers,
        conversion_before=rates.get("sim-v1", 0.0),
        conversion_after=rates.get("sim-v2", 0.0),
        retraining_gain=gain.uplift,
        retraining_gain_ci_low=gain.ci_low,
        retraining_gain_ci_high=gain.ci_high,
        expected_before=float(np.mean(expected_before)) if expected_before else 0.0,
        expected_after=float(np.mean(expected_after)) if expected_after else 0.0,
        oracle_expected=_oracle(acceptance, second),
        control_customers=lift.control_offers,
        control_conversion=lift.control_conversions / max(lift.control_offers, 1),
        treated_conversion=lift.treated_conversions / max(lift.treated_offers, 1),
        uplift=lift.uplift,
        uplift_ci_low=lift.ci_low,
        uplift_ci_high=lift.ci_high,
        outcomes_learned=learned.rows_used,
        ratings_used=learned.feedback.counts.get("recommendation_ratings", 0),
        offsets={code: round(value, 4) for code, value in learned.offsets.items()},
    )
