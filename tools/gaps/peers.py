"""Peer benchmarks computed from the book with GROUP BY queries (peers: same industry and band).

A peer is a customer (not a prospect) with at least one policy in force; the peer group of a
customer is every peer of the same industry group and size band. Nothing is cached: the
figures always reflect the book the session sees.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from tools.book.models import Customer, Policy
from tools.book.repository import book_as_of
from tools.catalogue.loader import load_catalogue

PeerKey = tuple[str, str]
"""A peer group: (industry code, size band)."""


class PeerRate(NamedTuple):
    """Share of a peer group holding a product, and the size of the group."""

    rate: float
    peers: int

    @property
    def holders(self) -> int:
        """Return how many peers hold the product."""
        return round(self.rate * self.peers)


def size_band_column() -> ColumnElement[str]:
    """Return a SQL expression of the customer's size band, from the catalogue's bands."""
    bands = load_catalogue().size_bands
    whens = [
        (Customer.employees.between(b["employees_min"], b["employees_max"]), name)
        for name, b in bands.items()
    ]
    smallest = min(b["employees_min"] for b in bands.values())
    return case(*whens, else_=case((Customer.employees < smallest, "micro"), else_="medium"))


def _in_force(on: date) -> ColumnElement[bool]:
    return and_(
        Policy.status == "active",
        Policy.start_date <= on,
        or_(Policy.end_date.is_(None), Policy.end_date > on),
    )


def peer_group_sizes(session: Session, on: date | None = None) -> dict[PeerKey, int]:
    """Return the number of peers per (industry, size band) on a day (default: the as-of)."""
    day = on or book_as_of(session)
    band = size_band_column()
    insured = select(Policy.customer_id).where(_in_force(day))
    rows = session.execute(
        select(Customer.industry_code, band, func.count(Customer.id))
        .where(Customer.is_prospect.is_(False), Customer.id.in_(insured))
        .group_by(Customer.industry_code, band)
    )
    return {(industry, size): int(n) for industry, size, n in rows}


def peer_holding_rates(
    session: Session, on: date | None = None
) -> dict[PeerKey, dict[str, PeerRate]]:
    """Return, per peer group, the share of peers holding each product and the group size.

    Example: ``rates[("it_services", "small")]["CYBER"] == PeerRate(rate=0.85, peers=40)``
    reads "85% of the 40 small IT services firms hold CYBER".

    Args:
        session: a session on the book.
        on: the day policies must be in force (default: the book's as-of date).
    """
    day = on or book_as_of(session)
    sizes = peer_group_sizes(session, day)
    band = size_band_column()
    rows = session.execute(
        select(
            Customer.industry_code,
            band,
            Policy.product_code,
            func.count(func.distinct(Customer.id)),
        )
        .join(Policy, Policy.customer_id == Customer.id)
        .where(Customer.is_prospect.is_(False), _in_force(day))
        .group_by(Customer.industry_code, band, Policy.product_code)
    )
    rates: dict[PeerKey, dict[str, PeerRate]] = {key: {} for key in sizes}
    for industry, size, code, holders in rows:
        count = sizes[(industry, size)]
        rates[(industry, size)][code] = PeerRate(int(holders) / count, count)
    return rates


def peer_average_limits(
    session: Session, on: date | None = None
) -> dict[PeerKey, dict[str, tuple[float, int]]]:
    """Return, per peer group and product, the average limit in force and how many hold it.

    Args:
        session: a session on the book.
        on: the day policies must be in force (default: the book's as-of date).
    """
    day = on or book_as_of(session)
    band = size_band_column()
    rows = session.execute(
        select(
            Customer.industry_code,
            band,
            Policy.product_code,
            func.avg(Policy.limit_eur),
            func.count(func.distinct(Customer.id)),
        )
        .join(Policy, Policy.customer_id == Customer.id)
        .where(Customer.is_prospect.is_(False), _in_force(day))
        .group_by(Customer.industry_code, band, Policy.product_code)
    )
    limits: dict[PeerKey, dict[str, tuple[float, int]]] = {}
    for industry, size, code, average, holders in rows:
        limits.setdefault((industry, size), {})[code] = (float(average), int(holders))
    return limits
