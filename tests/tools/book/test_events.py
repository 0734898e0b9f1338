"""Business events: validated by type, recorded once, and the customers they concern."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from pydantic import ValidationError
from sqlalchemy.orm import Session

from tools.book.events import EventCreate, affected_customers, record_event
from tools.book.models import BusinessEvent, Customer
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
