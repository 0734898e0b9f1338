"""Users of the copilot and their API tokens: advisors, compliance officers, admins, operations.

A token is random (32 bytes, URL-safe) and shown once; the database keeps only its SHA-256.
An advisor user is bound to one advisor id of the book and sees only that book.
"""

from copilot.users.actor import SYSTEM, Actor
from copilot.users.models import ROLES, Role, User
from copilot.users.store import (
    InvalidUser,
    UnknownUser,
    authenticate,
    create_user,
    demo_tokens,
    ensure_demo_users,
    list_users,
    revoke_user,
    token_hash,
)

__all__ = [
    "ROLES",
    "SYSTEM",
    "Actor",
    "InvalidUser",
    "Role",
    "UnknownUser",
    "User",
    "authenticate",
    "create_user",
    "demo_tokens",
    "ensure_demo_users",
    "list_users",
    "revoke_user",
    "token_hash",
]
