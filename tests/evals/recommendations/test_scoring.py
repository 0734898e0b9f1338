"""The recommendations scorers on hand-made cases (no book)."""

from __future__ import annotations

from datetime import datetime, timedelta

from copilot.customer_view import ActionPublic, RecommendationsPublic
from evals.recommendations.cases import Case, oracle_top
from evals.recommendations.rules import TimingCheck
from evals.recommendations.scoring import aggregate, ndcg_at_2, precision_at_2, score_case

NOW = datetime(2026, 11, 22, 12)


def _action(product: str | None, **changes: object) -> ActionPublic:
    fields: dict[str, object] = {
        "rank": 1,
        "action_id": f"C1:cross_sell:{product}:gap",
        "kind": "cross_sell",
        "product": product,
        "reason": "test",
        "trigger": "gap",
        "urgency": "low",
        "due_by": NOW + timedelta(days=30),
        "channel": "email",
        "delivery": "automated_email",
        "propensity": 0.2,
        "score": 0.1,
    }
    return ActionPublic.model_validate({**fields, **changes})


def _view(*actions: ActionPublic) -> RecommendationsPublic:
    offers = [a for a in actions if a.kind in ("cross_sell", "incident_outreach")]
    return RecommendationsPublic(
        customer_id="C1",
        decided_at=NOW,
        recommendations=offers,
        actions=list(actions),
        next_best_action=actions[0] if actions else None,
        why_not=[],
        ranking_basis="catalogue prior",
        versions={},
    )


def _case(**changes: object) -> Case:
    fields: dict[str, object] = {
        "id": "c1",
        "customer_id": "C1",
        "source": "generated",
        "tags": ["generated", "plain", "SE"],
        "expected_top": ["CYBER", "PI"],
        "oracle": {"CYBER": 0.4, "PI": 0.3, "DO": 0.1},
        "forbidden": {"GL": "held"},
        "prerequisites": {"BI": ["PROPERTY"]},
        "blocks": [],
        "blocked_kinds": [],
        "product_room": 2,
        "channels": ["email"],
        "consented": ["email", "portal"],
        "timing": [],
    }
    return Case.model_validate({**fields, **changes})


def test_precision_counts_the_share_of_the_top_two_that_is_expected() -> None:
    assert precision_at_2(["CYBER", "DO"], ["CYBER", "PI"]) == 0.5
    assert precision_at_2(["CYBER"], ["CYBER", "PI"]) == 1.0


def test_recommending_nothing_when_something_is_expected_scores_zero() -> None:
    assert precision_at_2([], ["CYBER"]) == 0.0
    assert precision_at_2([], []) is None


def test_ndcg_is_one_for_the_oracle_order_and_lower_for_worse_products() -> None:
    oracle = {"CYBER": 0.4, "PI": 0.3, "DO": 0.1}

    best, swapped = ndcg_at_2(["CYBER", "PI"], oracle), ndcg_at_2(["PI", "CYBER"], oracle)
    worse = ndcg_at_2(["DO", "GL"], oracle)

    assert best == 1.0
    assert swapped is not None and worse is not None and worse < swapped < 1.0


def test_the_oracle_keeps_every_product_tied_at_the_cut() -> None:
    assert oracle_top({"A": 0.3, "B": 0.2, "C": 0.2, "D": 0.1}, 2) == ["A", "B", "C"]


def test_a_held_product_is_a_forbidden_recommendation() -> None:
    score = score_case(_case(), _view(_action("GL"), _action("CYBER")))

    assert score.forbidden == ["GL: held"] and not score.passed


def test_a_product_without_its_prerequisite_is_forbidden_unless_offered_with_it() -> None:
    alone = score_case(_case(), _view(_action("BI")))
    together = score_case(_case(), _view(_action("BI"), _action("PROPERTY")))

    assert alone.forbidden and not any("prerequisite" in f for f in together.forbidden)


def test_a_blocked_kind_of_action_counts_as_forbidden() -> None:
    case = _case(blocks=["objection"], blocked_kinds=["renewal_review"], product_room=0)
    score = score_case(case, _view(_action("GL", kind="renewal_review", trigger="renewal")))

    assert score.forbidden


def test_a_delivery_without_consent_is_flagged() -> None:
    score = score_case(_case(), _view(_action("CYBER", delivery="advisor_call")))

    assert score.unconsented == ["cross_sell by advisor_call"]


def test_an_action_due_after_its_deadline_misses_timing() -> None:
    check = TimingCheck(trigger="growth", due_by_latest=NOW + timedelta(days=14), why="test")
    case = _case(timing=[check])
    soon = _action("CYBER", trigger="growth", due_by=NOW + timedelta(days=2))
    late = _action("CYBER", trigger="growth", due_by=NOW + timedelta(days=15))

    assert score_case(case, _view(soon)).timing_ok is True
    assert score_case(case, _view(late)).timing_misses == ["growth due after 2026-12-06 12:00"]


def test_a_missing_triggered_action_misses_timing() -> None:
    check = TimingCheck(trigger="growth", due_by_latest=NOW + timedelta(days=14), why="test")

    score = score_case(_case(timing=[check]), _view(_action("CYBER")))

    assert score.timing_misses == ["no growth action for the customer"]


def test_the_lead_channel_must_be_an_expected_one() -> None:
    assert score_case(_case(), _view(_action("CYBER", channel="portal"))).channel_ok is False
    assert score_case(_case(), _view(_action("CYBER"))).channel_ok is True


def test_aggregate_leaves_out_scores_no_case_applies_to() -> None:
    scores = aggregate([score_case(_case(expected_top=[], oracle={}), _view())])

    assert scores["precision_at_2"] is None and scores["oracle_agreement"] is None
    assert scores["forbidden_product_rate"] == 0.0
