"""The recommendations suite on the template book: its dataset, its scores, planted defects."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from copilot.customer_view import ActionPublic, RecommendationsPublic, recommendations_view
from copilot.turn_inputs import TurnInputs
from evals.recommendations import run
from evals.recommendations.dataset import load_dataset
from evals.results import SuiteResult, suite_thresholds
from tools.book.generator.seed_customers import seed_customer_ids
from tools.foundation.settings import Settings

SCORES = (
    "precision_at_2",
    "forbidden_product_rate",
    "oracle_agreement",
    "channel_accuracy",
    "timing_accuracy",
    "unconsented_contact_rate",
)


@pytest.fixture(scope="module")
def settings(template_data_dir: Path) -> Settings:
    return Settings(data_dir=template_data_dir)


@pytest.fixture(scope="module")
def result(settings: Settings) -> SuiteResult:
    return run(settings)


def _with_offers(view: RecommendationsPublic, offers: list[ActionPublic]) -> RecommendationsPublic:
    return view.model_copy(update={"recommendations": offers})


def _offer(view: RecommendationsPublic, product: str, channel: str) -> ActionPublic:
    return ActionPublic(
        rank=1,
        action_id=f"{view.customer_id}:cross_sell:{product}:planted",
        kind="cross_sell",
        product=product,
        reason="planted defect",
        trigger="gap",
        urgency="low",
        due_by=view.decided_at + timedelta(days=30),
        channel=channel,
        delivery="automated_email",
        propensity=0.5,
        score=1.0,
    )


def offers_a_held_product(inputs: TurnInputs) -> RecommendationsPublic:
    """Planted defect: a product the customer holds is put first."""
    view = recommendations_view(inputs)
    held = sorted(inputs.snapshot.held_products)
    if not held:
        return view
    planted = _offer(view, held[0], inputs.snapshot.customer.preferred_channel)
    return _with_offers(view, [planted, *view.recommendations[:1]])


def shows_ranks_three_and_four(inputs: TurnInputs) -> RecommendationsPublic:
    """Planted defect: the offers the top-2 rule held back are shown instead of the top 2."""
    view = recommendations_view(inputs)
    held_back = [w.product for w in view.why_not if w.rule_id == "present_top_2" and w.product]
    channel = inputs.snapshot.customer.preferred_channel
    return _with_offers(view, [_offer(view, p, channel) for p in held_back[:2]])


def acts_a_month_late(inputs: TurnInputs) -> RecommendationsPublic:
    """Planted defect: every action is due 30 days later than decided."""
    view = recommendations_view(inputs)
    late = [a.model_copy(update={"due_by": a.due_by + timedelta(days=30)}) for a in view.actions]
    return view.model_copy(update={"actions": late})


def calls_everyone(inputs: TurnInputs) -> RecommendationsPublic:
    """Planted defect: every action goes by advisor call, consent or not."""
    view = recommendations_view(inputs)
    calls = [
        a.model_copy(update={"channel": "phone", "delivery": "advisor_call"}) for a in view.actions
    ]
    lead = calls[0] if calls else None
    return view.model_copy(update={"actions": calls, "next_best_action": lead})


def test_the_dataset_validates_with_the_five_seed_use_cases() -> None:
    dataset = load_dataset()

    assert [case.customer_id for case in dataset.seed_cases] == list(seed_customer_ids())
    assert dataset.id == "recommendations" and dataset.version
    assert dataset.generated.count >= 40


def test_the_template_book_gives_at_least_45_cases_with_the_seed_ones(result: SuiteResult) -> None:
    seed = [c for c in result.cases if "seed" in c.tags]
    generated = [c for c in result.cases if "generated" in c.tags]

    assert len(result.cases) >= 45 and len(seed) == 5 and len(generated) >= 40
    assert len({c.id for c in result.cases}) == len(result.cases)


def test_the_suite_scores_are_shares_and_nothing_forbidden_is_recommended(
    result: SuiteResult,
) -> None:
    assert set(SCORES) <= set(result.scores)
    assert all(0.0 <= value <= 1.0 for value in result.scores.values())
    assert result.scores["forbidden_product_rate"] == 0.0
    assert result.scores["unconsented_contact_rate"] == 0.0


def test_the_demo_book_meets_the_release_thresholds(demo_data_dir: Path) -> None:
    # The release gate is judged on the book `copilot init` makes (2,000 customers): the
    # template's ~40 in-force cases move precision by about 0.1 from seed to seed.
    demo = run(Settings(data_dir=demo_data_dir))
    marks = suite_thresholds("recommendations")

    assert set(SCORES) <= set(marks)
    assert all(marks[name].met(demo.scores[name]) for name in SCORES), demo.scores


def test_the_result_records_versions_and_charts(result: SuiteResult) -> None:
    for key in ("dataset", "cases_digest", "book_seed", "contact_policy", "catalogue"):
        assert result.versions[key]
    assert result.versions["model_propensity"].startswith("propensity-")
    assert result.charts and all(series.points for series in result.charts[:1])


def test_blocked_customers_have_every_product_forbidden(result: SuiteResult) -> None:
    blocked = [c for c in result.cases if {"objection", "care"} & set(c.tags)]

    assert blocked and all(len(c.expected["forbidden"]) == 19 for c in blocked)
    assert all(c.expected["expected_top"] == [] for c in blocked)


def test_a_held_product_offered_first_fails_forbidden_and_precision(
    settings: Settings, result: SuiteResult
) -> None:
    broken = run(settings, recommender=offers_a_held_product)

    assert broken.scores["forbidden_product_rate"] > 0.5
    assert broken.scores["precision_at_2"] < result.scores["precision_at_2"] - 0.2


def test_showing_ranks_three_and_four_lowers_oracle_agreement(
    settings: Settings, result: SuiteResult
) -> None:
    broken = run(settings, recommender=shows_ranks_three_and_four)
    mark = suite_thresholds("recommendations")["oracle_agreement"]

    assert not mark.met(broken.scores["oracle_agreement"])
    assert broken.scores["oracle_agreement"] < result.scores["oracle_agreement"]


def test_acting_a_month_late_fails_timing(settings: Settings) -> None:
    broken = run(settings, recommender=acts_a_month_late)

    assert not suite_thresholds("recommendations")["timing_accuracy"].met(
        broken.scores["timing_accuracy"]
    )


def test_calling_everyone_fails_channel_and_consent(settings: Settings) -> None:
    broken = run(settings, recommender=calls_everyone)
    marks = suite_thresholds("recommendations")

    assert not marks["channel_accuracy"].met(broken.scores["channel_accuracy"])
    assert not marks["unconsented_contact_rate"].met(broken.scores["unconsented_contact_rate"])


def test_a_sample_of_ten_is_the_same_ten_every_time(settings: Settings) -> None:
    first, second = run(settings, sample=10), run(settings, sample=10)

    assert len(first.cases) == 10
    assert [c.id for c in first.cases] == [c.id for c in second.cases]
    assert sum("seed" in c.tags for c in first.cases) == 5


def test_an_llm_mode_is_noted_as_ignored(settings: Settings) -> None:
    assert any("ignored" in n for n in run(settings, sample=5, llm="configured").notices)


@pytest.fixture(scope="module")
def demo_result(demo_data_dir: Path) -> SuiteResult:
    return run(Settings(data_dir=demo_data_dir))


@pytest.mark.slow
def test_the_demo_book_meets_the_ranking_channel_and_timing_thresholds(
    demo_result: SuiteResult,
) -> None:
    marks = suite_thresholds("recommendations")
    quality = [name for name in SCORES if name != "forbidden_product_rate"]

    assert all(marks[name].met(demo_result.scores[name]) for name in quality), demo_result.scores


@pytest.mark.slow
def test_the_demo_book_recommends_nothing_forbidden(demo_result: SuiteResult) -> None:
    # It found a lapsed customer in the worst credibility quintile offered that product
    # (gen-C0000369: CYBER and GL): the flag was dropped for customers with no policy in
    # force when decided alone, though a batch chunk kept it (fixed in tools/scores).
    assert demo_result.scores["forbidden_product_rate"] == 0.0
