"""Trigger detection of next_best_actions on the seed customers."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from tools.nba import ActionCandidate, next_best_actions


def _by(actions: list[ActionCandidate], kind: str) -> list[ActionCandidate]:
    return [a for a in actions if a.kind == kind]


def test_renewal_at_60_days_is_a_medium_review(book_session: Session) -> None:
    (review,) = _by(next_best_actions(book_session, "S000004", models_dir=None), "renewal_review")
    assert (review.trigger.evidence["reminder"], review.urgency) == (60, "medium")


def test_renewal_at_30_days_is_high_urgency(book_session: Session, as_of: date) -> None:
    later = datetime.combine(as_of + timedelta(days=30), time(12))
    (review,) = _by(
        next_best_actions(book_session, "S000004", now=later, models_dir=None), "renewal_review"
    )
    assert (review.trigger.evidence["reminder"], review.urgency) == (30, "high")


def test_revenue_growth_over_30_percent_reviews_limits(book_session: Session) -> None:
    reviews = _by(next_best_actions(book_session, "S000001", models_dir=None), "limits_review")
    assert [r.product for r in reviews] == ["PI"]
    assert reviews[0].trigger.evidence["revenue_change_pct"] > 30


def test_two_growth_signals_are_answered_within_48_hours(book_session: Session) -> None:
    (consult,) = _by(next_best_actions(book_session, "S000001", models_dir=None), "consultation")
    assert consult.urgency == "high"
    assert consult.due_by - consult.trigger.detected_at == timedelta(hours=48)


def test_headcount_growth_over_50_percent_proposes_workers_comp(book_session: Session) -> None:
    products = {a.product for a in next_best_actions(book_session, "S000001", models_dir=None)}
    assert {"WORKERS_COMP", "GROUP_LIFE"} <= products


def test_portal_logins_invite_a_consultation_in_the_portal(book_session: Session) -> None:
    (consult,) = _by(next_best_actions(book_session, "S000005", models_dir=None), "consultation")
    assert consult.trigger.evidence["logins_last_7_days"] == 4
    assert consult.channel == "portal"


def test_quote_request_proposes_the_bundle_partners(book_session: Session) -> None:
    actions = next_best_actions(book_session, "S000003", models_dir=None)
    quoted = {a.product for a in actions if a.trigger.kind == "quote_request"}
    assert quoted == {"GL", "CYBER"}


def test_industry_incident_proposes_the_missing_cover(book_session: Session) -> None:
    (outreach,) = _by(
        next_best_actions(book_session, "S000002", models_dir=None), "incident_outreach"
    )
    assert outreach.product == "CYBER"
    assert outreach.trigger.evidence["incident"] == "ransomware"


def test_events_after_now_do_not_fire(book_session: Session, as_of: date) -> None:
    earlier = datetime.combine(as_of - timedelta(days=10), time(12))
    actions = next_best_actions(book_session, "S000005", now=earlier, models_dir=None)
    assert not [a for a in actions if a.trigger.kind == "behaviour"]


def test_action_ids_are_unique(book_session: Session) -> None:
    ids = [a.action_id for a in next_best_actions(book_session, "S000004", models_dir=None)]
    assert len(ids) == len(set(ids))


def test_now_accepts_an_iso_date_string(book_session: Session) -> None:
    actions = next_best_actions(book_session, "S000004", now="2026-11-22", models_dir=None)
    assert actions[0].trigger.detected_at == datetime(2026, 11, 22, 12)


def test_industry_key_covers_come_from_the_gaps_rule_pack(book_session: Session) -> None:
    proposals = {a.product: a for a in next_best_actions(book_session, "S000004", models_dir=None)}
    # rules.yaml of the gaps tool names PRODUCT_LIABILITY a retail key cover.
    rules = proposals["PRODUCT_LIABILITY"].trigger.evidence["supporting_rules"]
    assert "industry_key_covers" in rules


def test_a_products_relevance_is_its_strongest_rule(book_session: Session) -> None:
    proposals = {a.product: a for a in next_best_actions(book_session, "S000004", models_dir=None)}
    epl = proposals["EPL"]
    # Proposed by the headcount growth (relevance 60) and as a retail key cover (95).
    assert epl.trigger.kind == "growth"
    assert epl.relevance == 95


def test_headcount_growth_over_25_percent_proposes_epl(book_session: Session) -> None:
    proposals = {a.product: a for a in next_best_actions(book_session, "S000004", models_dir=None)}
    rules = proposals["EPL"].trigger.evidence["supporting_rules"]
    assert "headcount_growth_over_25_epl" in rules
