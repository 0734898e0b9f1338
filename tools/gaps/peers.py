"""Peer benchmarks computed from the book with GROUP BY queries (peers: same industry and band).

A peer is a customer (not a prospect) with at least one policy in force; the peer group of a
customer is every peer of the same industry group and size band. The tables are computed once
per database, day and book revision (``tools/book/revision.py``: database triggers bump it on
every write to customers or policies, in-place edits included) and reused by every
per-customer call, so one customer's gaps cost the same on a small book as on a large one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from tools.book.models import Customer, Policy
from tools.book.repository import book_as_of
from tools.book.revision import book_revision
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


@dataclass(frozen=True)
class PeerTables:
    """Peer-group sizes, holding rates and average limits of one book on one day."""

    sizes: dict[PeerKey, int]
    rates: dict[PeerKey, dict[str, PeerRate]]
    limits: dict[PeerKey, dict[str, tuple[float, int]]]


_CACHE: dict[tuple[object, ...], PeerTables] = {}
_CACHE_SIZE = 8


def _cache_key(session: Session, day: date) -> tuple[object, ...]:
    return (str(session.get_bind().engine.url), day, book_revision(session))


def _group_sizes(session: Session, day: date) -> dict[PeerKey, int]:
    band = size_band_column()
    insured = select(Policy.customer_id).where(_in_force(day))
    rows = session.execute(
        select(Customer.industry_code, band, func.count(Customer.id))
        .where(Customer.is_prospect.is_(False), Customer.id.in_(insured))
        .group_by(Customer.industry_code, band)
    )
    return {(industry, size): int(n) for industry, size, n in rows}


def _read_tables(session: Session, day: date) -> PeerTables:
    sizes = _group_sizes(session, day)
    band = size_band_column()
    rows = session.execute(
        select(
            Customer.industry_code,
            band,
            Policy.product_code,
            func.count(func.distinct(Customer.id)),
            func.avg(Policy.limit_eur),
        )
        .join(Policy, Policy.customer_id == Customer.id)
        .where(Customer.is_prospect.is_(False), _in_force(day))
        .group_by(Customer.industry_code, band, Policy.product_code)
    )
    rates: dict[PeerKey, dict[str, PeerRate]] = {key: {} for key in sizes}
    limits: dict[PeerKey, dict[str, tuple[float, int]]] = {}
    for industry, size, code, holders, average in rows:
        count = sizes[(industry, size)]
        rates[(industry, size)][code] = PeerRate(int(holders) / count, count)
        limits.setdefault((industry, size), {})[code] = (float(average), int(holders))
    return PeerTables(sizes=sizes, rates=rates, limits=limits)


def peer_tables(session: Session, on: date | None = None) -> PeerTables:
    """Return the peer tables of the book on a day (default: the book's as-of date).

    Args:
        session: a session on the book.
        on: the day policies must be in force.
    """
    day = on or book_as_of(session)
    key = _cache_key(session, day)
    if key not in _CACHE:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = _read_tables(session, day)
    return _CACHE[key]


def peer_group_sizes(session: Session, on: date | None = None) -> dict[PeerKey, int]:
    """Return the number of peers per (industry, size band) on a day (default: the as-of)."""
    return peer_tables(session, on).sizes


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
    return peer_tables(session, on).rates


def peer_average_limits(
    session: Session, on: date | None = None
) -> dict[PeerKey, dict[str, tuple[float, int]]]:
    """Return, per peer group and product, the average limit in force and how many hold it.

    Args:
        session: a session on the book.
        on: the day policies must be in force (default: the book's as-of date).
    """
    return peer_tables(session, on).limits
