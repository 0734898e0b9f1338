from datetime import date

import numpy as np
import pytest

from tools.catalogue.loader import load_catalogue
from tools.credibility.book_model import claims_experience, quintile_of
from tools.credibility.experiment import deviation, hide_one_product
from tools.credibility.profile import risk_book, risk_profile
from tools.foundation.db import session_factory
from tools.propensity.book_frames import load_book_frames
from tools.registry import load_current

AS_OF = date(2026, 11, 22)


def test_ties_at_a_cut_point_stay_in_the_lower_quintile() -> None:
    assert quintile_of(np.array([1.0, 1.0, 2.0]), [1.0, 1.0, 1.0, 1.0]).tolist() == [1, 1, 5]


def test_deviation_is_observed_over_expected_minus_one_in_percent() -> None:
    assert deviation(np.array([3.0, 3.0]), np.array([2.0, 2.0])) == pytest.approx(50.0)


@pytest.mark.slow
def test_profile_covers_every_product_with_the_model_version(trained_models) -> None:
    settings, report = trained_models
    with session_factory(settings)() as session:
        profile = risk_profile(session, "S000002", models_dir=settings.models_dir)
    assert set(profile.products) == set(load_catalogue().codes)
    assert profile.model_version == report.versions["credibility"]


@pytest.mark.slow
def test_worst_quintile_flag_matches_quintile_five_and_says_so(trained_models) -> None:
    settings = trained_models[0]
    with session_factory(settings)() as session:
        book = risk_book(session, models_dir=settings.models_dir)
    worst = book[book["quintile"] == 5]
    assert (book["worst_quintile"] == (book["quintile"] == 5)).all()
    assert not worst.empty


@pytest.mark.slow
def test_hidden_product_experiment_returns_all_quintiles(trained_models) -> None:
    settings = trained_models[0]
    with session_factory(settings)() as session:
        frames = load_book_frames(session)
    model = load_current("credibility", settings.models_dir).model
    experience = claims_experience(frames, AS_OF, model.codes)
    result = hide_one_product(model, experience, "GL")
    assert {"Phi1", "Phi5", "Phi1-4", "random80"} <= set(result) and result["customers"] > 0


@pytest.mark.slow
def test_a_prospect_without_history_gets_the_book_average(trained_models) -> None:
    settings = trained_models[0]
    with session_factory(settings)() as session:
        profile = risk_profile(session, "S000003", models_dir=settings.models_dir)  # a prospect
    model = load_current("credibility", settings.models_dir).model
    gl = model.codes.index("GL")
    assert profile.products["GL"].theta == pytest.approx(model.structure.theta0[gl], abs=1e-4)
    assert profile.products["GL"].based_on == [] and not profile.products["GL"].owned
