"""Contact policy: claims, objection, monthly cap, same-day merging, consent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import pandas as pd
import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from tools.book.models import Claim, ContactLog, Customer, Offer
from tools.contact_policy import contact_policy
from tools.contact_policy.pack import load_contact_policy
from tools.contact_policy.status import policy_status
from tools.decision import arbitrate
from tools.foundation.settings import Settings
from tools.nba import next_best_actions
from tools.portfolio import portfolio_actions
from tools.snapshot.frames import BookFrames

Book = Callable[[int], tuple[Settings, Session]]
SALES = {"cross_sell", "incident_outreach"}


@pytest.fixture
def book(fresh_book: Book) -> Session:
    return fresh_book(20)[1]


def _claim(session: Session, customer_id: str, on: date, status: str) -> None:
    session.add(
        Claim(
            customer_id=customer_id,
            product_code="GL",
            claim_date=on,
            amount_eur=5000.0,
            status=status,
        )
    )
    session.commit()


def _decide(session: Session, customer_id: str):
    return arbitrate(
        session,
        customer_id,
        next_best_actions(session, customer_id, models_dir=None),
        models_dir=None,
    )


def test_claim_ten_days_ago_suppresses_cross_sell_in_the_trace(book: Session, as_of: date) -> None:
    _claim(book, "S000001", as_of - timedelta(days=10), "closed")
    decision = _decide(book, "S000001")
    assert not [r for r in decision.chosen if r.action.kind in SALES]
    rules = {s.rule_id for s in decision.suppressed if s.candidate.kind in SALES}
    assert rules == {"claim_within_30_days"}


def test_claim_ten_days_ago_proposes_care(book: Session, as_of: date) -> None:
    _claim(book, "S000001", as_of - timedelta(days=10), "closed")
    decision = _decide(book, "S000001")
    assert decision.chosen[0].action.kind == "care"
    assert decision.chosen[0].delivery == "advisor_call"


def test_claim_ten_days_ago_blocks_sales_in_contact_policy(book: Session, as_of: date) -> None:
    _claim(book, "S000001", as_of - timedelta(days=10), "closed")
    status = contact_policy(book, "S000001")
    assert not status.sales_allowed
    assert "claim_within_30_days" in status.blocks


def test_open_claim_suppresses_cross_sell(book: Session, as_of: date) -> None:
    _claim(book, "S000005", as_of - timedelta(days=90), "open")
    decision = _decide(book, "S000005")
    rules = {s.rule_id for s in decision.suppressed if s.candidate.kind == "cross_sell"}
    assert rules == {"open_claim"}


def test_objection_removes_the_customer_from_every_list(book: Session) -> None:
    book.execute(update(Customer).values(objection_to_marketing=True))
    book.commit()
    for kind in ("incident_without_cover", "renewals_due", "growth"):
        listing = portfolio_actions(book, kind=kind)
        assert listing.items == []
        assert listing.excluded.get("objection", 0) > 0


def test_objection_suppresses_every_sales_candidate(book: Session) -> None:
    book.execute(
        update(Customer).where(Customer.id == "S000001").values(objection_to_marketing=True)
    )
    book.commit()
    decision = _decide(book, "S000001")
    assert decision.chosen == []
    assert {s.rule_id for s in decision.suppressed} == {"objection"}


def _offers(session: Session, customer_id: str, count: int, when: datetime) -> None:
    for k, code in enumerate(["TRAVEL", "KEY_PERSON", "HEALTH"][:count]):
        session.add(
            Offer(
                customer_id=customer_id,
                product_code=code,
                status="presented",
                channel="email",
                trigger="campaign",
                model_version="test",
                presented_at=when + timedelta(minutes=k),
            )
        )
    session.commit()


def test_fourth_recommendation_in_a_month_is_suppressed(book: Session, as_of: date) -> None:
    _offers(book, "S000001", 3, datetime.combine(as_of.replace(day=2), time(10)))
    decision = _decide(book, "S000001")
    assert not [r for r in decision.chosen if r.action.kind in SALES]
    assert "monthly_cap_reached" in {s.rule_id for s in decision.suppressed}


def test_two_recommendations_this_month_leave_room_for_one(book: Session, as_of: date) -> None:
    _offers(book, "S000001", 2, datetime.combine(as_of.replace(day=2), time(10)))
    decision = _decide(book, "S000001")
    assert [r.action.product for r in decision.chosen if r.action.kind in SALES] == ["CYBER"]


def test_same_day_actions_merge_into_one_conversation(book_session: Session) -> None:
    decision = _decide(book_session, "S000004")
    lead, *rest = decision.chosen
    assert rest
    assert all(r.merged_into == lead.action.action_id for r in rest)
    assert {r.delivery for r in decision.chosen} == {lead.delivery}


def test_contact_today_suppresses_outreach(book: Session, as_of: date) -> None:
    book.add(
        ContactLog(
            customer_id="S000004",
            channel="phone",
            kind="sales",
            contacted_at=datetime.combine(as_of, time(9)),
            subject="Call",
        )
    )
    book.commit()
    decision = _decide(book, "S000004")
    assert decision.chosen == []
    assert "contacted_today" in {s.rule_id for s in decision.suppressed}


def test_unknown_email_consent_counts_as_no(book: Session) -> None:
    book.execute(update(Customer).where(Customer.id == "S000001").values(consent_email=None))
    book.commit()
    assert contact_policy(book, "S000001").channel_consent["email"] is False
    assert {r.delivery for r in _decide(book, "S000001").chosen} != {"automated_email"}


def test_no_consent_at_all_suppresses_with_the_rule(book: Session) -> None:
    book.execute(
        update(Customer)
        .where(Customer.id == "S000001")
        .values(consent_email=None, consent_phone=False, consent_portal=None)
    )
    book.commit()
    decision = _decide(book, "S000001")
    assert decision.chosen == []
    assert "no_channel_consent" in {s.rule_id for s in decision.suppressed}


def test_consent_read_as_nan_counts_as_no() -> None:
    # A driver or a CSV import can hand the frames NaN for an unknown consent; consent is
    # tools.contactability's: only a recorded yes counts.
    empty = pd.DataFrame({"customer_id": pd.Series(dtype=object)})
    customers = pd.DataFrame(
        {
            "customer_id": ["C1"],
            "objection_to_marketing": [False],
            "care_flag": [False],
            "consent_email": [float("nan")],
            "consent_phone": [True],
            "consent_portal": [None],
        }
    )
    claims = empty.assign(
        claim_date=pd.Series(dtype="datetime64[ns]"), status=pd.Series(dtype=object)
    )
    offers = empty.assign(presented_at=pd.Series(dtype="datetime64[ns]"))
    contacts = empty.assign(kind=pd.Series(dtype=object))
    frames = BookFrames(
        now=datetime(2026, 11, 22, 12),
        customers=customers,
        policies=empty,
        claims=claims,
        events=empty,
        incidents=empty,
        offers=offers,
        contacts=contacts,
    )
    status = policy_status(frames, load_contact_policy()).loc["C1"]
    assert [status["consent_email"], status["consent_phone"], status["consent_portal"]] == [
        False,
        True,
        False,
    ]
