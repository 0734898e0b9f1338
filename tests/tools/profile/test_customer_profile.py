from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tools.book.models import Claim, Customer
from tools.foundation.errors import InvalidDate, UnknownCustomer
from tools.foundation.settings import Settings
from tools.profile import customer_profile

NORDIC_IT, OSLO, STOCKHOLM, BERGEN = "S000001", "S000003", "S000004", "S000005"


def test_nordic_it_is_a_small_company_in_its_growth_stage(book_session: Session) -> None:
    profile = customer_profile(book_session, NORDIC_IT)
    assert profile.segment.value == "small"
    assert profile.lifecycle_stage.value == "growth"
    assert profile.lifecycle_stage.inputs["headcount_growth_pct"] == 87.5
    assert profile.lifecycle_stage.inputs["revenue_growth_pct"] == 42.9


def test_policies_in_force_carry_the_seed_premium(book_session: Session) -> None:
    profile = customer_profile(book_session, NORDIC_IT)
    assert [(p.product, p.annual_premium_eur) for p in profile.policies] == [("PI", 3000.0)]
    assert profile.total_annual_premium_eur == 3000.0


def test_a_prospect_has_no_policies_and_zero_coverage(book_session: Session) -> None:
    profile = customer_profile(book_session, OSLO)
    assert profile.firmographics.is_prospect
    assert profile.policies == []
    assert profile.coverage_score.value == 0


def test_coverage_by_area_lists_the_missing_cyber_cover(book_session: Session) -> None:
    areas = {a.area: a for a in customer_profile(book_session, NORDIC_IT).coverage_by_area}
    assert areas["cyber"].missing == ["CYBER"]
    assert areas["cyber"].score == 0


def test_coverage_score_states_which_covers_were_expected(book_session: Session) -> None:
    coverage = customer_profile(book_session, NORDIC_IT).coverage_score
    assert "CYBER" in coverage.inputs["expected"]
    assert coverage.inputs["held_expected"] == ["PI"]


def test_bergen_techs_portal_burst_shows_in_engagement(book_session: Session) -> None:
    engagement = customer_profile(book_session, BERGEN).engagement_level
    assert engagement.value == "high"
    assert engagement.inputs["logins_last_7_days"] == 4
    assert engagement.inputs["downloads_in_window"] == 2


def test_stockholm_retail_growth_shows_its_new_store(book_session: Session) -> None:
    growth = customer_profile(book_session, STOCKHOLM).growth
    assert growth.locations is not None and growth.locations.to_value == 4
    assert growth.headcount is not None and growth.headcount.from_value == 27


def test_an_industry_incident_appears_among_recent_events(book_session: Session) -> None:
    events = customer_profile(book_session, "S000002").recent_events
    assert any(e.scope == "industry" and e.payload["kind"] == "ransomware" for e in events)


def test_a_profile_dated_before_an_event_does_not_see_it(
    book_session: Session, as_of: date
) -> None:
    profile = customer_profile(book_session, NORDIC_IT, now=date(as_of.year - 1, 1, 1))
    assert profile.lifecycle_stage.value == "mature"


def test_unknown_consent_never_allows_marketing(book_session: Session) -> None:
    customer = book_session.scalars(
        select(Customer).where(Customer.consent_phone.is_(None))
    ).first()
    assert customer is not None
    channels = {c.channel: c for c in customer_profile(book_session, customer.id).channels}
    assert channels["phone"].consent == "unknown"
    assert not channels["phone"].marketing_allowed


def test_an_objection_closes_every_channel(
    fresh_book: Callable[[int], tuple[Settings, Session]],
) -> None:
    _, session = fresh_book(5)
    session.get(Customer, NORDIC_IT).objection_to_marketing = True  # type: ignore[union-attr]
    session.commit()
    profile = customer_profile(session, NORDIC_IT)
    assert profile.flags.objection_to_marketing
    assert not any(c.marketing_allowed for c in profile.channels)


def test_an_open_claim_is_flagged_and_raises_risk(
    fresh_book: Callable[[int], tuple[Settings, Session]], as_of: date
) -> None:
    _, session = fresh_book(5)
    before = customer_profile(session, NORDIC_IT).risk_score.value
    session.add(
        Claim(
            customer_id=NORDIC_IT,
            product_code="PI",
            claim_date=as_of,
            amount_eur=5000.0,
            status="open",
        )
    )
    session.commit()
    profile = customer_profile(session, NORDIC_IT)
    assert profile.flags.open_claim
    assert profile.claims.open_count == 1
    assert profile.risk_score.value > before


def test_unknown_customer_raises_a_typed_error(book_session: Session) -> None:
    with pytest.raises(UnknownCustomer, match="S999999"):
        customer_profile(book_session, "S999999")


def test_a_date_in_the_wrong_format_raises_invalid_date(book_session: Session) -> None:
    with pytest.raises(InvalidDate):
        customer_profile(book_session, NORDIC_IT, now="22.11.2026")


def test_closed_claims_older_than_three_years_are_not_listed(
    fresh_book: Callable[[int], tuple[Settings, Session]], as_of: date
) -> None:
    _, session = fresh_book(5)
    old, recent = date(as_of.year - 4, 3, 1), date(as_of.year - 1, 3, 1)
    for when in (old, recent):
        session.add(
            Claim(
                customer_id=NORDIC_IT,
                product_code="PI",
                claim_date=when,
                amount_eur=4000.0,
                status="closed",
            )
        )
    session.commit()
    summary = customer_profile(session, NORDIC_IT).claims
    listed = {c.claim_date for c in summary.claims}
    assert recent in listed and old not in listed
    assert summary.window_years == 3
