"""A propensity challenger scores the challenger arm, in the one-customer and the batch path."""

from __future__ import annotations

import copy
import shutil
from datetime import datetime, time
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from tools.catalogue.loader import load_catalogue
from tools.experiment.arms import Experiment, arm_of
from tools.propensity.vector import customer_vector
from tools.registry import (
    ModelNotTrained,
    challenger_version,
    clear_challenger,
    load_current,
    save_model,
    set_challenger,
)
from tools.scores import load_model_set, score_snapshot
from tools.scores.book import load_model_inputs
from tools.snapshot import load_snapshot

pytestmark = pytest.mark.slow
SPLIT = Experiment(salt="challenger-test", challenger_share=0.5)
CHALLENGER = "propensity-challenger-test"


@pytest.fixture
def registry(trained_models, tmp_path: Path) -> Path:
    """Return a copy of the trained registry with a challenger that ranks CYBER far higher."""
    models_dir = tmp_path / "models"
    shutil.copytree(trained_models[0].models_dir, models_dir)
    loaded = load_current("propensity", models_dir)
    model = copy.deepcopy(loaded.model)
    model.products["CYBER"].offset = 2.0
    save_model(
        model,
        loaded.metadata.model_copy(update={"version": CHALLENGER}),
        models_dir,
        make_current=False,
    )
    set_challenger("propensity", CHALLENGER, models_dir)
    return models_dir


def _customers(session: Session, arm: str) -> list[str]:
    """Return five customers of the arm with a policy in force (the models rank them)."""
    ids = [f"C{n:07d}" for n in range(1, 200)]
    moment, codes = datetime(2026, 11, 22, 12), load_catalogue().codes
    live = [
        c
        for c in ids
        if arm_of(c, SPLIT) == arm
        and customer_vector(load_snapshot(session, c, moment), codes).in_force
    ]
    return live[:5]


def test_only_the_challenger_arm_is_scored_by_the_challenger(
    registry: Path, book_session: Session, as_of
) -> None:
    models, catalogue = load_model_set(registry), load_catalogue()
    moment = datetime.combine(as_of, time(12))
    current = load_current("propensity", registry).metadata.version
    for arm, expected in (("challenger", CHALLENGER), ("champion", current)):
        for customer in _customers(book_session, arm):
            snapshot = load_snapshot(book_session, customer, moment)
            scores = score_snapshot(snapshot, models, catalogue, SPLIT)
            assert scores.versions["propensity"] == expected
            assert scores.ranking_basis == f"model {expected}"


def test_the_batch_scores_the_challenger_arm_as_the_single_path_does(
    registry: Path, book_session: Session, as_of
) -> None:
    moment = datetime.combine(as_of, time(12))
    champions, challengers = (
        _customers(book_session, "champion"),
        _customers(book_session, "challenger"),
    )
    inputs = load_model_inputs(book_session, moment, champions + challengers, registry, SPLIT)
    assert inputs.propensity is not None and inputs.challenger_ids == frozenset(challengers)
    models, catalogue = load_model_set(registry), load_catalogue()
    for customer in champions + challengers:
        snapshot = load_snapshot(book_session, customer, moment)
        single = score_snapshot(snapshot, models, catalogue, SPLIT)
        if single.propensity_of("CYBER") is not None:
            batch = inputs.propensity.loc[customer, "CYBER"]
            assert batch == pytest.approx(single.propensity_of("CYBER"), abs=1e-9)
        assert inputs.basis_of(customer) == single.ranking_basis


def test_without_a_challenger_every_arm_gets_the_current_model(
    registry: Path, book_session: Session, as_of
) -> None:
    clear_challenger("propensity", registry)
    assert challenger_version("propensity", registry) is None
    moment = datetime.combine(as_of, time(12))
    customer = _customers(book_session, "challenger")[0]
    snapshot = load_snapshot(book_session, customer, moment)
    scores = score_snapshot(snapshot, load_model_set(registry), load_catalogue(), SPLIT)
    assert scores.versions["propensity"] == load_current("propensity", registry).metadata.version


def test_an_unknown_challenger_version_is_refused(registry: Path) -> None:
    with pytest.raises(ModelNotTrained, match="no-such-version"):
        set_challenger("propensity", "no-such-version", registry)
    assert challenger_version("propensity", registry) == CHALLENGER
