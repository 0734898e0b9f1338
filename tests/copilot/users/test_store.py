"""Users: tokens shown once and stored as hashes, roles checked, revocation, demo users."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from copilot.users import (
    InvalidUser,
    UnknownUser,
    User,
    authenticate,
    create_user,
    ensure_demo_users,
    list_users,
    revoke_user,
    token_hash,
)
from tools.book.models import Advisor
from tools.foundation.settings import Settings

Book = Callable[[int], tuple[Settings, Session]]


def test_a_token_is_random_long_and_stored_only_as_its_hash(fresh_book: Book) -> None:
    _, session = fresh_book(50)
    user, token = create_user(session, "Anna", "advisor", "ADV-001")
    _, other = create_user(session, "Bo", "advisor", "ADV-001")

    assert len(token) >= 43 and token != other
    stored = session.scalars(select(User.token_hash).where(User.id == user.id)).one()
    assert stored == token_hash(token) and token not in stored


def test_a_token_authenticates_its_user_and_a_wrong_one_nobody(fresh_book: Book) -> None:
    _, session = fresh_book(50)
    user, token = create_user(session, "Anna", "compliance")

    assert authenticate(session, token) is user
    assert authenticate(session, token + "x") is None
    assert authenticate(session, "") is None


def test_a_revoked_token_no_longer_authenticates(fresh_book: Book) -> None:
    _, session = fresh_book(50)
    user, token = create_user(session, "Anna", "admin")

    revoke_user(session, user.id)

    assert authenticate(session, token) is None
    assert revoke_user(session, user.id).revoked_at is not None  # idempotent


@pytest.mark.parametrize(
    ("role", "advisor", "message"),
    [
        ("advisor", None, "needs --advisor"),
        ("advisor", "ADV-999", "Unknown advisor"),
        ("compliance", "ADV-001", "has no advisor id"),
        ("root", None, "Unknown role"),
    ],
)
def test_bad_users_are_refused(
    fresh_book: Book, role: str, advisor: str | None, message: str
) -> None:
    _, session = fresh_book(50)

    with pytest.raises(InvalidUser, match=message):
        create_user(session, "Anna", role, advisor)


def test_revoking_an_unknown_user_is_not_found(fresh_book: Book) -> None:
    _, session = fresh_book(50)

    with pytest.raises(UnknownUser):
        revoke_user(session, "nobody")


def test_demo_users_are_created_once_with_tokens_that_work(fresh_book: Book) -> None:
    _, session = fresh_book(50)
    advisors = list(session.scalars(select(Advisor.id)))

    first = ensure_demo_users(session, "s" * 40)
    again = ensure_demo_users(session, "s" * 40)

    assert first == again and set(first) == {*advisors, "compliance"}
    assert len(list_users(session)) == len(advisors) + 1
    assert authenticate(session, first["ADV-001"]).advisor_id == "ADV-001"  # type: ignore[union-attr]
    assert authenticate(session, first["compliance"]).role == "compliance"  # type: ignore[union-attr]
