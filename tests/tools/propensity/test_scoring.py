import numpy as np
import pytest

from tools.foundation.db import session_factory
from tools.foundation.errors import UnknownProduct
from tools.propensity.scoring import score_book, score_customer
from tools.registry import ModelNotTrained

pytestmark = pytest.mark.slow


def test_scoring_without_a_model_says_to_train(settings, book_session) -> None:
    with pytest.raises(ModelNotTrained, match="copilot models train"):
        score_customer(book_session, "S000001")


def test_scores_carry_probability_drivers_and_version(trained_models) -> None:
    settings, report = trained_models
    with session_factory(settings)() as session:
        scores = score_customer(session, "S000001")
    assert all(0.0 <= s.probability <= 1.0 for s in scores)
    assert {s.model_version for s in scores} == {report.versions["propensity"]}
    assert any(s.drivers for s in scores)


def test_scores_exclude_products_already_held(trained_models) -> None:
    with session_factory(trained_models[0])() as session:
        products = {s.product for s in score_customer(session, "S000001")}
    assert "PI" not in products  # Nordic IT Solutions holds professional indemnity


def test_scores_are_sorted_by_probability(trained_models) -> None:
    with session_factory(trained_models[0])() as session:
        probabilities = [s.probability for s in score_customer(session, "S000001")]
    assert probabilities == sorted(probabilities, reverse=True)


def test_single_and_batch_paths_agree(trained_models) -> None:
    with session_factory(trained_models[0])() as session:
        single = {s.product: s.probability for s in score_customer(session, "S000001")}
        book = score_book(session)
    assert np.isclose(book.loc["S000001", "CYBER"], single["CYBER"], atol=0.02)
    assert np.isnan(book.loc["S000001", "PI"])


def test_unknown_product_is_a_typed_error(trained_models) -> None:
    with session_factory(trained_models[0])() as session, pytest.raises(UnknownProduct):
        score_customer(session, "S000001", products=["NOPE"])


def test_product_codes_are_case_insensitive(trained_models) -> None:
    with session_factory(trained_models[0])() as session:
        scores = score_customer(session, "S000001", products=["cyber"])
    assert [s.product for s in scores] == ["CYBER"]


def test_public_api_is_exported_by_the_packages() -> None:
    import tools.churn
    import tools.credibility
    import tools.propensity

    assert callable(tools.propensity.score_customer) and callable(tools.propensity.score_book)
    assert callable(tools.credibility.risk_profile) and callable(tools.churn.top_defend)


def test_scoring_a_subset_of_frames_matches_the_whole_book(trained_models, as_of) -> None:
    from tools.propensity.book_frames import load_book_frames

    with session_factory(trained_models[0])() as session:
        frames = load_book_frames(session)
    whole = score_book(frames, as_of)
    part = score_book(frames.restrict(["S000001", "S000002"]), as_of)
    np.testing.assert_allclose(
        part.loc["S000001"].fillna(-1).to_numpy(), whole.loc["S000001"].fillna(-1).to_numpy()
    )
