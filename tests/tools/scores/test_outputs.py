"""The tool outputs built from one scoring equal the session-based tools."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from sqlalchemy.orm import Session

from tools.catalogue.loader import load_catalogue
from tools.churn.scoring import churn_clv
from tools.credibility.profile import risk_profile
from tools.foundation.errors import NotEligible, UnknownProduct
from tools.propensity.scoring import score_customer
from tools.registry import ModelNotTrained
from tools.scores import (
    ModelSet,
    churn_clv_of,
    propensity_scores,
    risk_profile_of,
    score_snapshot,
)
from tools.snapshot import load_snapshot

pytestmark = pytest.mark.slow
SEEDS = ["S000001", "S000002", "S000003", "S000004", "S000005"]


@pytest.mark.parametrize("customer_id", SEEDS)
def test_propensity_scores_equal_score_customer(
    book_session: Session, scored, models: ModelSet, customer_id: str
) -> None:
    built = propensity_scores(scored[customer_id], load_catalogue())
    tool = score_customer(book_session, customer_id, models_dir=models.models_dir)
    assert built == tool


def test_propensity_scores_keep_the_product_filter_and_driver_count(scored) -> None:
    built = propensity_scores(scored["S000001"], load_catalogue(), ["cyber", "DO"], drivers=2)
    assert [s.product for s in built] in (["CYBER", "DO"], ["DO", "CYBER"])
    assert all(len(s.drivers) <= 2 for s in built)
    with pytest.raises(UnknownProduct):
        propensity_scores(scored["S000001"], load_catalogue(), ["NOPE"])


@pytest.mark.parametrize("customer_id", SEEDS)
def test_risk_profile_of_equals_risk_profile(
    book_session: Session, scored, models: ModelSet, customer_id: str
) -> None:
    tool = risk_profile(book_session, customer_id, models_dir=models.models_dir)
    assert risk_profile_of(scored[customer_id]) == tool


@pytest.mark.parametrize("customer_id", ["S000001", "S000002", "S000004", "S000005"])
def test_churn_clv_of_equals_churn_clv(
    book_session: Session, scored, models: ModelSet, customer_id: str
) -> None:
    tool = churn_clv(book_session, customer_id, models_dir=models.models_dir)
    assert churn_clv_of(scored[customer_id], load_catalogue()) == tool


def test_churn_of_a_prospect_is_not_eligible(scored) -> None:
    with pytest.raises(NotEligible, match="no policy in force"):
        churn_clv_of(scored["S000003"], load_catalogue())


def test_missing_models_are_typed_errors_naming_the_command(
    book_session: Session, models: ModelSet, moment: datetime
) -> None:
    snapshot = load_snapshot(book_session, "S000002", moment)
    catalogue = load_catalogue()
    bare = score_snapshot(snapshot, ModelSet(models_dir=models.models_dir), catalogue)
    for build in (
        lambda: propensity_scores(bare, catalogue),
        lambda: risk_profile_of(bare),
        lambda: churn_clv_of(bare, catalogue),
    ):
        with pytest.raises(ModelNotTrained, match="copilot models train"):
            build()
    no_churn = score_snapshot(snapshot, replace(models, churn=None), catalogue)
    with pytest.raises(ModelNotTrained, match="churn"):
        churn_clv_of(no_churn, catalogue)
    assert no_churn.propensity is not None and no_churn.credibility is not None
