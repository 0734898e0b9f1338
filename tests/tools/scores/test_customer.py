"""One customer scored once on numpy arrays equals the batch path to 1e-9."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest
from sqlalchemy.orm import Session

from tools.catalogue.loader import load_catalogue
from tools.churn.scoring import churn_book
from tools.churn.training import churn_columns
from tools.credibility.profile import risk_book
from tools.propensity.book_frames import active_at, load_book_frames
from tools.propensity.drivers import top_drivers
from tools.propensity.features import customer_features
from tools.propensity.scoring import score_book
from tools.registry import load_current
from tools.scores import CustomerScores, ModelSet, model_inputs_of, score_snapshot
from tools.scores.book import load_model_inputs
from tools.scores.prior import CATALOGUE_PRIOR
from tools.snapshot import load_snapshot

pytestmark = pytest.mark.slow
ATOL = 1e-9


@pytest.fixture(scope="module")
def frames(book_session: Session):
    """Return the whole book's frames (the batch path's input)."""
    return load_book_frames(book_session)


def test_the_sample_has_seeds_prospects_and_customers_in_force(scored) -> None:
    assert {"S000001", "S000005", "S000003"} <= set(scored)
    assert (
        any(not s.in_force for s in scored.values())
        and sum(s.in_force for s in scored.values()) > 30
    )


def test_propensity_equals_the_batch(scored, frames, models: ModelSet, as_of: date) -> None:
    book = score_book(frames, as_of, models_dir=models.models_dir)
    for cid, scores in scored.items():
        codes = load_catalogue().codes
        mine = np.array([scores.propensity_of(c) for c in codes], dtype=float)
        if not scores.in_force:
            assert cid not in book.index and np.isnan(mine).all()
            continue
        np.testing.assert_allclose(mine, book.loc[cid, codes].to_numpy(float), atol=ATOL, rtol=0)


def test_contributions_equal_the_product_models(scored, frames, models: ModelSet, as_of) -> None:
    catalogue = load_catalogue()
    model = load_current("propensity", models.models_dir).model
    common = customer_features(frames, as_of, catalogue.codes)
    for cid in ("S000001", "S000002", "S000004", "S000005"):
        part = scored[cid].propensity
        assert part is not None
        for k, code in enumerate(catalogue.codes):
            frame = model.product_frame(common.loc[[cid]], catalogue, code, model.peers)
            expected = model.products[code].contributions(frame).iloc[0]
            mine = pd.Series(part.contributions[k], index=list(part.features))
            np.testing.assert_allclose(mine[expected.index], expected, atol=ATOL, rtol=0)
            assert part.drivers(code, catalogue) == top_drivers(expected, frame.iloc[0], catalogue)


def test_credibility_equals_the_batch(scored, frames, models: ModelSet, as_of) -> None:
    risk = risk_book(frames, as_of, models_dir=models.models_dir).set_index(
        ["customer_id", "product"]
    )
    theta0 = models.credibility.structure.theta0  # type: ignore[union-attr]
    for cid, scores in scored.items():
        part = scores.credibility
        assert part is not None
        if not part.has_history:
            assert cid not in risk.index.get_level_values(0)
            np.testing.assert_allclose(part.theta, theta0, atol=ATOL)
            continue
        rows = risk.loc[cid].loc[list(part.codes)]
        np.testing.assert_allclose(part.theta, rows["theta"], atol=ATOL, rtol=0)
        assert part.quintile.tolist() == rows["quintile"].tolist()
        assert part.owned.tolist() == rows["owned"].tolist()
        assert [list(b) for b in part.based_on] == rows["based_on"].tolist()


def test_churn_and_clv_equal_the_batch(scored, frames, models: ModelSet, as_of) -> None:
    book = churn_book(frames, as_of, models_dir=models.models_dir)
    churn = load_current("churn", models.models_dir).model
    common = customer_features(frames, as_of, load_catalogue().codes)
    X = common[churn_columns(load_catalogue().codes)]
    for cid, scores in scored.items():
        if not scores.in_force:
            assert scores.churn is None and cid not in book.index
            continue
        part = scores.churn
        assert part is not None
        assert part.probability == pytest.approx(churn.predict_proba(X.loc[[cid]])[0, 1], abs=ATOL)
        row = book.loc[cid]
        assert abs(np.round(part.probability, 4) - row["churn_probability_12m"]) <= ATOL
        assert abs(np.round(part.clv.clv_eur, 2) - row["clv_eur"]) <= ATOL
        assert abs(np.round(part.clv.annual_margin_eur, 2) - row["annual_margin_eur"]) <= ATOL
        assert abs(np.round(part.clv.cross_sell_eur, 2) - row["cross_sell_eur"]) <= ATOL
        expected = churn.contributions(X.loc[[cid]]).iloc[0]
        np.testing.assert_allclose(part.contributions, expected[list(part.features)], atol=ATOL)


def test_ranking_inputs_equal_load_model_inputs(
    book_session: Session, scored, models: ModelSet, moment: datetime
) -> None:
    for cid, scores in scored.items():
        batch = load_model_inputs(book_session, moment, [cid], models)
        mine = model_inputs_of(scores)
        assert mine.ranking_basis == batch.ranking_basis == scores.ranking_basis
        assert mine.worst_quintile == batch.worst_quintile
        assert scores.worst_quintile == {p for _, p in batch.worst_quintile}
        if batch.propensity is None:
            assert mine.propensity is None or not scores.in_force
            continue
        assert mine.propensity is not None
        codes = list(batch.propensity.columns)
        np.testing.assert_allclose(
            mine.propensity.loc[cid, codes].to_numpy(float),
            batch.propensity.loc[cid, codes].to_numpy(float),
            atol=ATOL,
        )


def test_customers_without_a_policy_in_force_are_ranked_by_the_prior(scored) -> None:
    outside: list[CustomerScores] = [s for s in scored.values() if not s.in_force]
    assert all(s.ranking_basis == CATALOGUE_PRIOR for s in outside)
    assert all(s.churn is None for s in outside)
    inside = next(s for s in scored.values() if s.in_force)
    assert inside.ranking_basis == f"model {inside.versions['propensity']}"


def test_a_lapsed_customer_keeps_its_worst_quintile_flags_alone_and_in_a_chunk(
    book_session: Session, frames, models: ModelSet, moment: datetime
) -> None:
    """The claims history of a customer with no policy in force still flags products: the
    same pairs whether the customer is decided alone or inside a batch chunk."""
    policies = frames.policies
    in_force = set(policies.loc[active_at(policies, moment.date()), "customer_id"])
    lapsed = sorted(set(policies["customer_id"]) - in_force)
    chunk = load_model_inputs(book_session, moment, [*lapsed, *sorted(in_force)[:5]], models)
    for cid in lapsed:
        alone = load_model_inputs(book_session, moment, [cid], models)
        in_chunk = {pair for pair in chunk.worst_quintile if pair[0] == cid}
        assert alone.worst_quintile == in_chunk, cid
        assert alone.ranking_basis == CATALOGUE_PRIOR
    assert lapsed
    # This small book holds no lapsed customer in a worst quintile; the demo-sized book does
    # (tests/evals/recommendations: test_the_demo_book_recommends_nothing_forbidden).


def test_a_former_product_in_the_worst_quintile_is_flagged_for_win_back(
    book_session: Session, models: ModelSet, moment: datetime
) -> None:
    # A product held in the claims window but not today (a lapsed customer's, or one dropped)
    # is held to the worst-quintile rule like any product not held, in both paths.
    frames = load_book_frames(book_session)
    risk = risk_book(frames, moment.date(), models_dir=models.models_dir)
    live = frames.policies[active_at(frames.policies, moment.date())]
    held = set(zip(live["customer_id"], live["product_code"], strict=True))
    columns = [risk[c] for c in ("customer_id", "product", "worst_quintile", "owned")]
    rows = zip(*columns, strict=True)
    former = [(c, p) for c, p, worst, owned in rows if worst and owned and (c, p) not in held]
    assert former, "the shared book should hold a former product in a worst quintile"
    batch = load_model_inputs(book_session, moment, sorted({c for c, _ in former}), models)
    assert set(former) <= batch.worst_quintile
    catalogue = load_catalogue()
    for cid, code in former:
        scores = score_snapshot(load_snapshot(book_session, cid, moment), models, catalogue)
        assert code in scores.worst_quintile
