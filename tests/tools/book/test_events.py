"""Business events: validated by type, recorded once, and the customers they concern."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import func
from sqlalchemy.orm import Session

from tests.conftest import AS_OF
from tools.book.events import EventCreate, affected_customers, record_event
from tools.book.models import BusinessEvent, Customer, GroundTruth, Policy
from tools.foundation.errors import InvalidInput, UnknownCustomer, UnknownProduct
from tools.foundation.settings import Settings

AT = datetime(2026, 11, 22, 8, 0)
Book = Callable[[int], tuple[Settings, Session]]


def test_the_same_event_is_recorded_once(fresh_book: Book) -> None:
    _, session = fresh_book(50)
    event = EventCreate(
        event_type="headcount_change",
        customer_id="S000001",
        occurred_at=AT,
        payload={"from": 8, "to": 15},
    )

    first, new = record_event(session, event)
    again, new_again = record_event(session, event)

    assert new and not new_again and first.id == again.id
    same = session.query(BusinessEvent).filter_by(customer_id="S000001", occurred_at=AT)
    assert same.count() == 1


def test_payloads_are_checked_by_type() -> None:
    with pytest.raises(ValidationError, match="needs from, to"):
        EventCreate(event_type="revenue_change", customer_id="S000001", payload={})
    with pytest.raises(ValidationError, match="whole number"):
        EventCreate(
            event_type="headcount_change", customer_id="S000001", payload={"from": 1, "to": 2.5}
        )
    with pytest.raises(ValidationError, match="has no customer_id"):
        EventCreate(
            event_type="industry_incident",
            customer_id="S000001",
            payload={"industry": "MFG", "kind": "ransomware", "headline": "x"},
        )


def test_unknown_references_are_refused(fresh_book: Book) -> None:
    _, session = fresh_book(50)

    with pytest.raises(UnknownCustomer):
        record_event(session, EventCreate(event_type="portal_login", customer_id="S999999"))
    with pytest.raises(UnknownProduct):
        record_event(
            session,
            EventCreate(
                event_type="quote_request", customer_id="S000001", payload={"product": "NOPE"}
            ),
        )
    with pytest.raises(InvalidInput, match="Unknown industry"):
        record_event(
            session,
            EventCreate(
                event_type="industry_incident",
                payload={"industry": "NOPE", "kind": "ransomware", "headline": "x"},
            ),
        )


def test_an_incident_concerns_every_customer_of_its_industry(fresh_book: Book) -> None:
    _, session = fresh_book(50)
    industry = session.get(Customer, "S000002").industry_code  # type: ignore[union-attr]
    row, _ = record_event(
        session,
        EventCreate(
            event_type="industry_incident",
            occurred_at=AT,
            payload={"industry": industry, "kind": "ransomware", "headline": "Attacks"},
        ),
    )

    found = affected_customers(session, row)

    expected = [c.id for c in session.query(Customer).filter_by(industry_code=industry)]
    assert found == sorted(expected) and "S000002" in found


def _generated_events(session: Session, kind: str) -> list[BusinessEvent]:
    rows = session.query(BusinessEvent).filter(
        BusinessEvent.event_type == kind, BusinessEvent.customer_id.like("C%")
    )
    return list(rows)


def _logins_between(logins: list[BusinessEvent], begin: date, end: date) -> int:
    return sum(begin <= event.occurred_at.date() < end for event in logins)


def test_generated_portal_logins_run_steadily_over_years(book_session: Session) -> None:
    # A model trained at a past snapshot needs the activity features as they were then.
    logins = _generated_events(book_session, "portal_login")
    year_ago = AS_OF - timedelta(days=365)
    latest = _logins_between(logins, AS_OF - timedelta(days=90), AS_OF)
    before_snapshot = _logins_between(logins, year_ago - timedelta(days=90), year_ago)
    assert min(e.occurred_at.date() for e in logins) < AS_OF - timedelta(days=2 * 365)
    assert 0.6 * latest < before_snapshot < 1.4 * latest


def test_no_generated_self_service_event_follows_the_customer_leaving(
    book_session: Session,
) -> None:
    left = {
        cid: end
        for cid, end in book_session.query(Policy.customer_id, func.max(Policy.end_date))
        .group_by(Policy.customer_id)
        .having(func.count(Policy.end_date) == func.count())
    }
    events = [
        e
        for kind in ("portal_login", "document_download", "quote_request")
        for e in _generated_events(book_session, kind)
        if e.customer_id in left
    ]
    assert events and all(e.occurred_at.date() <= left[e.customer_id] for e in events)


def _quoted_within(
    quotes: dict[tuple[str, str], list[date]], key: tuple[str, str], begin: date, end: date
) -> bool:
    return any(begin <= day < end for day in quotes.get(key, []))


def test_purchases_in_the_labelled_year_mostly_follow_a_quote_request(
    book_session: Session,
) -> None:
    quotes: dict[tuple[str, str], list[date]] = {}
    for event in _generated_events(book_session, "quote_request"):
        key = (str(event.customer_id), str(event.payload["product"]))
        quotes.setdefault(key, []).append(event.occurred_at.date())
    year_ago = AS_OF - timedelta(days=365)
    bought = {
        (p.customer_id, p.product_code): p.start_date
        for p in book_session.query(Policy).filter(
            Policy.customer_id.like("C%"), Policy.start_date > year_ago
        )
    }
    truth = book_session.query(GroundTruth.customer_id, GroundTruth.purchase_probability)
    open_pairs = [(c, k) for c, probs in truth for k in probs if (c, k) not in bought]
    buyers = sum(
        _quoted_within(quotes, key, start - timedelta(days=120), start)
        for key, start in bought.items()
    )
    others = sum(_quoted_within(quotes, key, year_ago, AS_OF) for key in open_pairs)
    assert buyers / len(bought) > 0.3
    assert buyers / len(bought) > 10 * others / len(open_pairs)


def test_recent_quote_requests_are_for_products_the_customer_is_likely_to_buy(
    book_session: Session,
) -> None:
    truth = dict(book_session.query(GroundTruth.customer_id, GroundTruth.purchase_probability))
    recent = [
        truth[str(e.customer_id)].get(str(e.payload["product"]), 0.0)
        for e in _generated_events(book_session, "quote_request")
        if e.occurred_at.date() > AS_OF - timedelta(days=90)
    ]
    everything = [p for probs in truth.values() for p in probs.values()]
    assert recent
    # Browsing requests (any product in the target market) dilute the signal.
    assert sum(recent) / len(recent) > 1.5 * sum(everything) / len(everything)
