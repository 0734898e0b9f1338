"""The book frames read consent, objection and care as tools.contactability decides them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from sqlalchemy import update
from sqlalchemy.orm import Session

from tools.book.models import Customer
from tools.contactability import CONTACT_CHANNELS, contactability
from tools.foundation.settings import Settings
from tools.snapshot import load_snapshot
from tools.snapshot.frames import load_frames

Book = Callable[[int], tuple[Settings, Session]]


def test_frames_read_contactability_of_every_customer(fresh_book: Book, as_of: date) -> None:
    _, session = fresh_book(20)
    session.execute(update(Customer).where(Customer.id == "S000001").values(consent_email=None))
    session.execute(update(Customer).where(Customer.id == "S000002").values(care_flag=True))
    session.commit()
    now = datetime.combine(as_of, time(12))
    customers = load_frames(session, now).customers.set_index("customer_id")
    for cid, row in customers.iterrows():
        reach = contactability(load_snapshot(session, str(cid), now).customer)
        assert {c: bool(row[f"consent_{c}"]) for c in CONTACT_CHANNELS} == reach.consented()
        flags = (bool(row["objection_to_marketing"]), bool(row["care_flag"]))
        assert flags == (reach.objection_to_marketing, reach.care_flag)
    assert not customers.loc["S000001", "consent_email"]
    assert customers.loc["S000002", "care_flag"]
