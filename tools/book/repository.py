"""Look-ups of book records by id or exact name, scoped to an advisor's book when given."""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from tools.book.models import Advisor, BookMeta, Contact, Customer
from tools.foundation.errors import (
    InvalidInput,
    UnknownAdvisor,
    UnknownContact,
    UnknownCustomer,
)


class AmbiguousName(InvalidInput):
    """An exact name matches more than one record; use the id instead."""


def resolve_customer(session: Session, reference: str, advisor_id: str | None = None) -> Customer:
    """Return the customer with this id or exact name, within the advisor's book if given.

    Raises:
        UnknownCustomer: no such customer (or not in this advisor's book).
        AmbiguousName: the name matches several customers.
    """
    query = select(Customer).where(or_(Customer.id == reference, Customer.name == reference))
    if advisor_id is not None:
        query = query.where(Customer.advisor_id == advisor_id)
    found = list(session.scalars(query.limit(3)))
    if not found:
        raise UnknownCustomer(reference)
    by_id = [c for c in found if c.id == reference]
    if by_id:
        return by_id[0]
    if len(found) > 1:
        raise AmbiguousName(f"Several customers are named {reference!r}; give the customer id.")
    return found[0]


def resolve_advisor(session: Session, reference: str) -> Advisor:
    """Return the advisor with this id or exact name.

    Raises:
        UnknownAdvisor: no such advisor.
    """
    query = select(Advisor).where(or_(Advisor.id == reference, Advisor.name == reference))
    advisor = session.scalars(query).first()
    if advisor is None:
        raise UnknownAdvisor(reference)
    return advisor


def book_meta(session: Session) -> dict[str, str]:
    """Return the book's metadata (seed, customers, as_of, catalogue_version)."""
    return {row.key: row.value for row in session.scalars(select(BookMeta))}


def book_as_of(session: Session) -> date:
    """Return the date the loaded book was generated or imported as of (today if unknown)."""
    value = book_meta(session).get("as_of")
    return date.fromisoformat(value) if value else date.today()


def customer_in_book(session: Session, customer_id: str, advisor_id: str) -> Customer:
    """Return the customer with this id if the advisor looks after it (ids only, no names).

    Raises:
        UnknownCustomer: no such customer in this advisor's book (never says whether it
            exists in another one).
    """
    customer = session.get(Customer, customer_id) if isinstance(customer_id, str) else None
    if customer is None or customer.advisor_id != advisor_id:
        raise UnknownCustomer(customer_id)
    return customer


def advisor_by_id(session: Session, advisor_id: str) -> Advisor:
    """Return the advisor with this id (ids only, no names).

    Raises:
        UnknownAdvisor: no such advisor.
    """
    advisor = session.get(Advisor, advisor_id) if isinstance(advisor_id, str) else None
    if advisor is None:
        raise UnknownAdvisor(advisor_id)
    return advisor


def contacts_of(session: Session, customer_id: str) -> list[Contact]:
    """Return a customer's contact persons, the primary one first, then by id."""
    query = (
        select(Contact)
        .where(Contact.customer_id == customer_id)
        .order_by(Contact.is_primary.desc(), Contact.id)
    )
    return list(session.scalars(query))


def contact_of(session: Session, customer_id: str, contact_id: str) -> Contact:
    """Return one of the customer's contact persons by id (ids only, no names).

    Raises:
        UnknownContact: no contact has this id, or it is another customer's (the message
            names this customer's contact ids, never whose the id is).
    """
    contact = session.get(Contact, contact_id) if isinstance(contact_id, str) else None
    if contact is None or contact.customer_id != customer_id:
        known = tuple(c.id for c in contacts_of(session, customer_id))
        raise UnknownContact(contact_id, customer_id, known)
    return contact
