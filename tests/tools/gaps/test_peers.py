from collections import Counter
from collections.abc import Callable
from datetime import date

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from tools.book.models import Customer, Policy
from tools.catalogue.loader import load_catalogue
from tools.foundation.settings import Settings
from tools.gaps.peers import PeerRate, peer_average_limits, peer_holding_rates
from tools.snapshot import in_force


def _python_count(session: Session, on: date) -> tuple[Counter, Counter]:
    catalogue = load_catalogue()
    customers = {c.id: c for c in session.scalars(select(Customer)) if not c.is_prospect}
    held: dict[str, set[str]] = {}
    for policy in session.scalars(select(Policy)):
        if policy.customer_id in customers and in_force(policy, on):
            held.setdefault(policy.customer_id, set()).add(policy.product_code)
    groups: Counter = Counter()
    holders: Counter = Counter()
    for cid, codes in held.items():
        key = (customers[cid].industry_code, catalogue.size_band(customers[cid].employees))
        groups[key] += 1
        for code in codes:
            holders[(*key, code)] += 1
    return groups, holders


def test_rates_equal_a_plain_count_over_the_book(book_session: Session, as_of: date) -> None:
    groups, holders = _python_count(book_session, as_of)
    rates = peer_holding_rates(book_session, as_of)
    for (industry, band, code), n in holders.items():
        rate = rates[(industry, band)][code]
        assert rate.peers == groups[(industry, band)]
        assert rate.holders == n


def test_a_rate_unpacks_as_rate_and_peer_count(book_session: Session) -> None:
    rate, count = peer_holding_rates(book_session)[("it_services", "small")]["PI"]
    assert 0 < rate <= 1 and count > 0


def test_average_limits_are_positive(book_session: Session) -> None:
    limits = peer_average_limits(book_session)
    assert all(avg > 0 and n > 0 for group in limits.values() for avg, n in group.values())


def test_a_new_policy_is_seen_by_the_next_call(
    fresh_book: Callable[[int], tuple[Settings, Session]], as_of: date
) -> None:
    _, session = fresh_book(30)
    nordic_it = ("it_services", "small")
    before = peer_holding_rates(session, as_of)[nordic_it].get("EVENT", PeerRate(0.0, 0))
    session.add(
        Policy(
            customer_id="S000001",
            product_code="EVENT",
            status="active",
            annual_premium_eur=500.0,
            limit_eur=250_000,
            deductible_eur=1000,
            start_date=date(as_of.year - 1, 1, 1),
            renewal_date=date(as_of.year + 1, 1, 1),
        )
    )
    session.commit()
    after = peer_holding_rates(session, as_of)[nordic_it]["EVENT"]
    assert after.holders == before.holders + 1


def test_an_in_place_edit_is_seen_by_the_next_call(
    fresh_book: Callable[[int], tuple[Settings, Session]], as_of: date
) -> None:
    _, session = fresh_book(30)
    nordic_it = ("it_services", "small")
    holder = session.scalars(
        select(Policy).where(Policy.customer_id == "S000001", Policy.product_code == "PI")
    ).one()
    before = peer_average_limits(session, as_of)[nordic_it]["PI"]
    # An edit by hand, as another client would make it: same row count, same highest id.
    session.execute(
        text("UPDATE policies SET limit_eur = limit_eur + 900000 WHERE id = :id"),
        {"id": holder.id},
    )
    session.commit()
    after = peer_average_limits(session, as_of)[nordic_it]["PI"]
    assert after[0] > before[0]
