from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from tools.book.generator import BookSpec
from tools.book.loading import ensure_demo_book
from tools.book.models import BookMeta, Customer
from tools.foundation.settings import Settings

Book = Callable[[int], tuple[Settings, Session]]
SPEC = BookSpec(customers=80, seed=3, as_of=date(2026, 11, 22))


def _customers(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Customer)) or 0


def test_a_loaded_book_is_kept(fresh_book: Book) -> None:
    _, session = fresh_book(60)
    result = ensure_demo_book(session, SPEC)
    assert not result.generated
    assert _customers(session) == 65


def test_an_interrupted_book_is_redone(fresh_book: Book) -> None:
    _, session = fresh_book(60)
    session.execute(delete(BookMeta))
    session.commit()
    result = ensure_demo_book(session, SPEC)
    assert result.generated
    assert _customers(session) == 85


def test_reset_generates_the_requested_book(fresh_book: Book) -> None:
    _, session = fresh_book(60)
    ensure_demo_book(session, SPEC, reset=True)
    assert _customers(session) == 85


def test_a_reset_keeps_users_and_the_audit_log(fresh_book: Book) -> None:
    from copilot.audit import append, verify_chain
    from copilot.users import Actor, create_user, list_users

    _, session = fresh_book(50)
    user, _ = create_user(session, "Anna", "compliance")
    append(session, Actor.of(user), "user.create", "user", user.id)
    session.commit()

    ensure_demo_book(session, BookSpec(customers=50, seed=9, as_of=date(2026, 11, 22)), reset=True)

    assert [u.id for u in list_users(session)] == [user.id]
    assert verify_chain(session) == 1
