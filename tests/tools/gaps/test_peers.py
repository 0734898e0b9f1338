from collections import Counter
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from tools.book.models import Customer, Policy
from tools.catalogue.loader import load_catalogue
from tools.gaps.peers import peer_average_limits, peer_holding_rates
from tools.profile.records import in_force


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
