"""Data access scoped by the caller: every read of a customer or a turn goes through here.

The API checks the caller's role once (``api/deps.py``); these functions check again in the
query itself, so a route that forgot a role check still cannot read another advisor's book.
An advisor reaches only customers and turns of their own advisor id; another advisor's
customer or draft is "not found", never "forbidden" (its existence is not revealed).
Compliance and admin read every book; they never start turns or decide as advisors.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from copilot.records.models import ApprovalRecord
from copilot.records.store import UnknownApproval
from copilot.users import Actor
from tools.book.models import Customer
from tools.foundation.errors import Forbidden, UnknownCustomer

READ_EVERY_BOOK = frozenset({"compliance", "admin"})
"""Roles that read every advisor's customers and drafts (to review and audit them)."""


class WrongRole(Forbidden):
    """The caller's role may not do this."""

    def __init__(self, action: str, roles: tuple[str, ...]) -> None:
        super().__init__(f"Only {' or '.join(roles)} users may {action}.")


def own_book(actor: Actor) -> str | None:
    """Return the advisor id the caller's reads are limited to (None: every book)."""
    if actor.role in READ_EVERY_BOOK:
        return None
    if actor.role == "advisor" and actor.advisor_id:
        return actor.advisor_id
    raise WrongRole("read customers", ("advisor", "compliance", "admin"))


def scope_customers(query: Select[Any], actor: Actor) -> Select[Any]:
    """Return a customer query limited to what the caller may read."""
    book = own_book(actor)
    return query if book is None else query.where(Customer.advisor_id == book)


def customer_for(session: Session, actor: Actor, customer_id: str) -> Customer:
    """Return a customer the caller may read.

    Raises:
        UnknownCustomer: no such customer, or another advisor's.
    """
    query = scope_customers(select(Customer).where(Customer.id == customer_id), actor)
    customer: Customer | None = session.scalars(query).first()
    if customer is None:
        raise UnknownCustomer(customer_id)
    return customer


def turn_for(session: Session, actor: Actor, approval_id: str) -> ApprovalRecord:
    """Return a turn (draft) the caller may read.

    Raises:
        UnknownApproval: no such turn, or one of another advisor's customers.
    """
    query = select(ApprovalRecord).where(ApprovalRecord.id == approval_id)
    book = own_book(actor)
    if book is not None:
        query = query.where(ApprovalRecord.advisor_id == book)
    record = session.scalars(query).first()
    if record is None:
        raise UnknownApproval(approval_id)
    return record


def advisor_of(actor: Actor, action: str) -> str:
    """Return the caller's advisor id, for what only an advisor may do on their own book.

    Raises:
        WrongRole: the caller is not an advisor.
    """
    if actor.role != "advisor" or not actor.advisor_id:
        raise WrongRole(action, ("advisor",))
    return actor.advisor_id
