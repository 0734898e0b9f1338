import pytest
from sqlalchemy import select

from tools.book.models import Customer
from tools.churn.scoring import churn_book, churn_clv, top_defend
from tools.foundation.db import session_factory

pytestmark = pytest.mark.slow


def test_churn_clv_is_a_probability_with_drivers_and_version(trained_models) -> None:
    settings, report = trained_models
    with session_factory(settings)() as session:
        result = churn_clv(session, "S000002", models_dir=settings.models_dir)
    assert 0.0 <= result.churn_probability_12m <= 1.0
    assert result.model_version == report.versions["churn"] and result.drivers


def test_top_defend_lists_only_the_advisors_customers(trained_models) -> None:
    settings = trained_models[0]
    with session_factory(settings)() as session:
        entries = top_defend(session, "ADV-001", limit=10, models_dir=settings.models_dir)
        own = set(session.scalars(select(Customer.id).where(Customer.advisor_id == "ADV-001")))
    assert entries and {e.customer_id for e in entries} <= own


def test_top_defend_is_sorted_by_value_at_risk(trained_models) -> None:
    settings = trained_models[0]
    with session_factory(settings)() as session:
        entries = top_defend(session, "ADV-001", limit=10, models_dir=settings.models_dir)
    values = [e.value_at_risk_eur for e in entries]
    assert values == sorted(values, reverse=True)


def test_churn_book_scores_every_customer_in_force(trained_models) -> None:
    settings = trained_models[0]
    with session_factory(settings)() as session:
        book = churn_book(session, models_dir=settings.models_dir)
    assert book["churn_probability_12m"].between(0, 1).all() and len(book) > 100


def test_a_prospect_has_no_churn_to_score(trained_models) -> None:
    from tools.foundation.errors import NotEligible

    settings = trained_models[0]
    with session_factory(settings)() as session, pytest.raises(NotEligible):
        churn_clv(session, "S000003", models_dir=settings.models_dir)  # a prospect


def test_churn_without_a_model_says_to_train(settings, book_session) -> None:
    from tools.registry import ModelNotTrained

    with pytest.raises(ModelNotTrained, match="copilot models train"):
        churn_clv(book_session, "S000002", models_dir=settings.models_dir)
