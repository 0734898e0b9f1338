"""One customer's contact-policy status equals its row of the column-wise status."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy.orm import Session

from tests.tools.decision.columnwise import status_of_row
from tools.contact_policy import contact_policy, customer_policy_status, load_contact_policy
from tools.contact_policy.status import policy_status
from tools.snapshot import load_snapshot
from tools.snapshot.frames import load_frames


def test_status_equals_the_batch_for_every_customer(book_session: Session, as_of: date) -> None:
    now, policy = datetime.combine(as_of, time(12)), load_contact_policy()
    table = policy_status(load_frames(book_session, now), policy)
    wrong = [
        cid
        for cid in table.index
        if customer_policy_status(load_snapshot(book_session, cid, now), policy)
        != status_of_row(cid, table.loc[cid], policy)
    ]
    assert wrong == []
    assert table["monthly_cap_reached"].any() or table["claim_within_30_days"].any()


def test_the_tool_reads_the_snapshot_status(book_session: Session, as_of: date) -> None:
    now = datetime.combine(as_of, time(12))
    status = contact_policy(book_session, "Stockholm Retail AB")
    snapshot = load_snapshot(book_session, "S000004", now)
    assert status == customer_policy_status(snapshot, load_contact_policy())
