"""Create, list, revoke and authenticate users (tokens are stored as hashes only)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from copilot.users.models import ROLES, User
from tools.book.models import Advisor
from tools.foundation.clock import utc_now
from tools.foundation.db import session_scope
from tools.foundation.errors import InvalidInput, NotFound
from tools.foundation.settings import Settings

TOKEN_BYTES = 32
"""Random bytes in a token (``secrets.token_urlsafe``: 43 characters)."""
DEMO_COMPLIANCE = "Compliance officer (demo)"
"""Name of the development compliance user."""


class InvalidUser(InvalidInput):
    """A user cannot be created as asked (unknown role, advisor id missing or unknown)."""


class UnknownUser(NotFound):
    """No user has this id."""

    def __init__(self, user_id: str) -> None:
        super().__init__(f"Unknown user {user_id!r}: see `copilot users list`.")


def token_hash(token: str) -> str:
    """Return the stored form of a token (SHA-256, hex)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _check(session: Session, role: str, advisor_id: str | None) -> None:
    if role not in ROLES:
        raise InvalidUser(f"Unknown role {role!r}; use one of {', '.join(ROLES)}.")
    if role == "advisor" and not advisor_id:
        raise InvalidUser("An advisor user needs --advisor ADVISOR_ID (the book it looks after).")
    if role != "advisor" and advisor_id:
        raise InvalidUser(f"A {role} user has no advisor id; leave --advisor out.")
    if advisor_id and session.get(Advisor, advisor_id) is None:
        raise InvalidUser(f"Unknown advisor {advisor_id!r}: check the id in the book.")


def create_user(
    session: Session, name: str, role: str, advisor_id: str | None = None, token: str | None = None
) -> tuple[User, str]:
    """Create a user and return it with its token (the only time the token is seen).

    Raises:
        InvalidUser: unknown role, an advisor without (or with an unknown) advisor id, a name
            that is empty.
    """
    if not name.strip():
        raise InvalidUser("A user needs a name.")
    _check(session, role, advisor_id)
    secret = token or secrets.token_urlsafe(TOKEN_BYTES)
    user = User(
        id=uuid.uuid4().hex[:16],
        name=name.strip(),
        role=role,
        advisor_id=advisor_id,
        token_hash=token_hash(secret),
        created_at=utc_now(),
    )
    session.add(user)
    session.flush()
    return user, secret


def list_users(session: Session) -> list[User]:
    """Return every user, oldest first (revoked ones too)."""
    return list(session.scalars(select(User).order_by(User.created_at, User.id)))


def revoke_user(session: Session, user_id: str) -> User:
    """Revoke a user's token (idempotent: a revoked user stays revoked).

    Raises:
        UnknownUser: no such user.
    """
    user = session.get(User, user_id)
    if user is None:
        raise UnknownUser(user_id)
    if user.revoked_at is None:
        user.revoked_at = utc_now()
    return user


def authenticate(session: Session, token: str) -> User | None:
    """Return the active user a token belongs to (None for an unknown or revoked token)."""
    if not token or len(token) > 256:
        return None
    user = session.scalars(select(User).where(User.token_hash == token_hash(token))).first()
    return user if user is not None and user.active else None


def demo_token(secret: str, name: str) -> str:
    """Return the development token of a demo user, derived from the deployment secret.

    Derived rather than random so that ``make run`` can print working tokens on every start
    while the database still holds only their hashes.
    """
    digest = hmac.new(secret.encode(), f"demo-user:{name}".encode(), hashlib.sha256)
    return digest.hexdigest()


def ensure_demo_users(session: Session, secret: str) -> dict[str, str]:
    """Create (once) an advisor user per advisor and one compliance officer; return tokens.

    Returns:
        Token per demo user: advisor ids, and ``compliance`` for the compliance officer.
    """
    advisors = session.scalars(select(Advisor).order_by(Advisor.id))
    wanted: list[tuple[str, str, str | None]] = [(a.name, "advisor", a.id) for a in advisors]
    wanted.append((DEMO_COMPLIANCE, "compliance", None))
    tokens: dict[str, str] = {}
    for name, role, advisor_id in wanted:
        token = demo_token(secret, name)
        known = session.scalars(select(User.id).where(User.token_hash == token_hash(token)))
        if known.first() is None:  # a revoked demo user stays revoked
            create_user(session, name, role, advisor_id, token=token)
        tokens[advisor_id or "compliance"] = token
    return tokens


def demo_tokens(settings: Settings) -> dict[str, str]:
    """Create the demo users once (development only) and return their tokens.

    Returns:
        Token per demo user (advisor ids, and ``compliance``); empty in production or when
        ``COPILOT_DEMO_USERS`` is false.
    """
    if settings.environment == "production" or not settings.demo_users:
        return {}
    secret = settings.secret_key.get_secret_value()
    try:
        with session_scope(settings) as session:
            return ensure_demo_users(session, secret)
    except IntegrityError:  # another worker created them at the same moment
        with session_scope(settings) as session:
            return ensure_demo_users(session, secret)
