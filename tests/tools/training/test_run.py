import pytest

from tools.registry import current_version, load_current, model_card_path

pytestmark = pytest.mark.slow


def test_train_all_makes_one_current_version_per_kind(trained_models) -> None:
    settings, report = trained_models
    for kind in ("propensity", "credibility", "churn"):
        assert current_version(kind, settings.models_dir) == report.versions[kind]


def test_propensity_metadata_reports_holdout_metrics_per_product(trained_models) -> None:
    meta = load_current("propensity", trained_models[0].models_dir).metadata
    assert 0.0 <= meta.metrics["CYBER"]["auc"] <= 1.0
    assert "brier" in meta.metrics["CYBER"] and "capture_top20" in meta.metrics["CYBER"]


def test_propensity_card_has_fairness_and_calibration(trained_models) -> None:
    card = model_card_path("propensity", models_dir=trained_models[0].models_dir).read_text()
    assert "## Fairness" in card and "Protected attributes among the features: none" in card
    assert "mean predicted" in card


def test_no_protected_attribute_is_a_feature(trained_models) -> None:
    for kind in ("propensity", "churn", "credibility"):
        meta = load_current(kind, trained_models[0].models_dir).metadata
        assert meta.fairness is not None and meta.fairness.protected_features_found == []


def test_outcomes_and_ratings_feed_the_next_training_and_its_card(fresh_book) -> None:
    from datetime import datetime, timedelta

    from tools.learning.offers import OfferCreate, record_offer
    from tools.learning.outcomes import OutcomeCreate, record_outcome
    from tools.learning.ratings_table import RatingRecord
    from tools.training.run import train_all

    settings, session = fresh_book(120)
    presented = datetime(2026, 11, 20, 10)
    customers = [f"C{n:07d}" for n in range(1, 41)]
    for i, customer in enumerate(customers):
        code, outcome = ("CYBER", "accepted") if i % 2 else ("TRAVEL", "declined")
        offer = record_offer(
            session,
            OfferCreate(
                customer_id=customer,
                product_code=code,
                channel="email",
                trigger_type="gap",
                presented_at=presented,
                model_version="propensity-before",
                rule_pack_id="nordic-se",
                rule_pack_version="2026.12.1",
                arm="champion",
            ),
        )
        at = presented + timedelta(days=2)
        created = OutcomeCreate(offer_id=offer.id, outcome=outcome, occurred_at=at)
        record_outcome(session, created, source="import", recorded_by="test", now=at)
    session.add(
        RatingRecord(
            user_id="u-adv",
            advisor_id="ADV-001",
            customer_id=customers[0],
            subject_type="recommendation",
            subject_id=f"{customers[0]}:cross_sell:TRAVEL",
            product="TRAVEL",
            score=1,
            reason_codes=["not_relevant"],
            reason_codes_version="2026.12.1",
            comment="",
            rated_at=presented,
        )
    )
    session.commit()
    train_all(settings)
    meta = load_current("propensity", settings.models_dir).metadata
    assert meta.feedback is not None
    assert meta.feedback["settled_offers"] == 40 and meta.feedback["confirmed_negatives"] == 1
    assert meta.feedback["offsets"]["CYBER"] > 0 > meta.feedback["offsets"]["TRAVEL"]
    card = model_card_path("propensity", models_dir=settings.models_dir).read_text()
    assert "## Learning from outcomes and advisors' ratings" in card
    assert "Reason codes of the ratings read: not_relevant 1" in card


def test_churn_card_has_a_time_based_holdout_beside_the_cv(trained_models) -> None:
    meta = load_current("churn", trained_models[0].models_dir).metadata
    later = meta.metrics["churn_12m_time_holdout"]
    assert 0.5 < later["auc"] <= 1.0 and later["positives"] > 0
    assert "churn_12m_5fold_customer_cv" in meta.metrics
