import numpy as np
import pytest

from tools.foundation.db import session_factory
from tools.foundation.errors import UnknownProduct
from tools.propensity.scoring import score_book, score_customer
from tools.registry import ModelNotTrained

pytestmark = pytest.mark.slow


def test_scoring_without_a_model_says_to_train(settings, book_session) -> None:
    with pytest.raises(ModelNotTrained, match="copilot models train"):
        score_customer(book_session, "S000001", models_dir=settings.models_dir)


def test_scores_carry_probability_drivers_and_version(trained_models) -> None:
    settings, report = trained_models
    with session_factory(settings)() as session:
        scores = score_customer(session, "S000001", models_dir=settings.models_dir)
    assert all(0.0 <= s.probability <= 1.0 for s in scores)
    assert {s.model_version for s in scores} == {report.versions["propensity"]}
    assert any(s.drivers for s in scores)


def test_scores_exclude_products_already_held(trained_models) -> None:
    settings = trained_models[0]
    with session_factory(settings)() as session:
        scores = score_customer(session, "S000001", models_dir=settings.models_dir)
    assert "PI" not in {s.product for s in scores}  # Nordic IT Solutions holds PI


def test_scores_are_sorted_by_probability(trained_models) -> None:
    settings = trained_models[0]
    with session_factory(settings)() as session:
        scores = score_customer(session, "S000001", models_dir=settings.models_dir)
    probabilities = [s.probability for s in scores]
    assert probabilities == sorted(probabilities, reverse=True)


def test_single_and_batch_paths_agree(trained_models) -> None:
    settings = trained_models[0]
    with session_factory(settings)() as session:
        scores = score_customer(session, "S000001", models_dir=settings.models_dir)
        book = score_book(session, models_dir=settings.models_dir)
    single = {s.product: s.probability for s in scores}
    assert book.loc["S000001", "CYBER"] == pytest.approx(single["CYBER"], abs=1e-9)
    assert np.isnan(book.loc["S000001", "PI"])


def test_a_prospect_is_scored_on_its_profile_only(trained_models) -> None:
    settings = trained_models[0]
    with session_factory(settings)() as session:
        scores = score_customer(session, "S000003", models_dir=settings.models_dir)
    assert len(scores) == 19 and all(0.0 < s.probability < 1.0 for s in scores)


def test_unknown_product_is_a_typed_error(trained_models) -> None:
    settings = trained_models[0]
    with session_factory(settings)() as session, pytest.raises(UnknownProduct):
        score_customer(session, "S000001", products=["NOPE"], models_dir=settings.models_dir)


def test_product_codes_are_case_insensitive(trained_models) -> None:
    settings = trained_models[0]
    with session_factory(settings)() as session:
        scores = score_customer(session, "S000001", ["cyber"], models_dir=settings.models_dir)
    assert [s.product for s in scores] == ["CYBER"]


def test_public_api_is_exported_by_the_packages() -> None:
    import tools.churn
    import tools.credibility
    import tools.propensity

    assert callable(tools.propensity.score_customer) and callable(tools.propensity.score_book)
    assert callable(tools.credibility.risk_profile) and callable(tools.churn.top_defend)


def test_scoring_a_subset_of_frames_matches_the_whole_book(trained_models, as_of) -> None:
    from tools.propensity.book_frames import load_book_frames

    settings = trained_models[0]
    with session_factory(settings)() as session:
        frames = load_book_frames(session)
    whole = score_book(frames, as_of, models_dir=settings.models_dir)
    part = score_book(
        frames.restrict(["S000001", "S000002"]), as_of, models_dir=settings.models_dir
    )
    np.testing.assert_allclose(
        part.loc["S000001"].fillna(-1).to_numpy(), whole.loc["S000001"].fillna(-1).to_numpy()
    )


def test_the_session_and_frames_paths_read_the_same_stored_peer_counts(
    trained_models, as_of
) -> None:
    from tools.propensity.book_frames import load_book_frames

    settings = trained_models[0]
    with session_factory(settings)() as session:
        by_session = score_book(session, models_dir=settings.models_dir)
        frames = load_book_frames(session)
    by_frames = score_book(frames.restrict(["S000001"]), as_of, models_dir=settings.models_dir)
    np.testing.assert_allclose(
        by_frames.loc["S000001"].fillna(-1).to_numpy(),
        by_session.loc["S000001"].fillna(-1).to_numpy(),
        atol=1e-12,
    )
