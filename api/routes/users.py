"""Users and their tokens (admin): list, create, revoke; every change is audited."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Admin, SettingsDep
from api.schemas import UserCreate, UserCreatedPublic, UserPublic
from copilot.audit import append
from copilot.users import User, create_user, list_users, revoke_user
from tools.foundation.db import session_scope

router = APIRouter(prefix="/api/users", tags=["users"])


def user_public(user: User) -> UserPublic:
    """Return a user without its token hash."""
    return UserPublic(
        id=user.id,
        name=user.name,
        role=user.role,
        advisor_id=user.advisor_id,
        created_at=user.created_at,
        revoked_at=user.revoked_at,
    )


@router.get("")
def users(actor: Admin, settings: SettingsDep) -> list[UserPublic]:
    """Return every user, oldest first (revoked ones too)."""
    with session_scope(settings) as session:
        found = [user_public(u) for u in list_users(session)]
        append(session, actor, "user.list", "user", "*")
    return found


@router.post("", status_code=201)
def add_user(wanted: UserCreate, actor: Admin, settings: SettingsDep) -> UserCreatedPublic:
    """Create a user; the answer holds its token, shown this once."""
    with session_scope(settings) as session:
        user, token = create_user(session, wanted.name, wanted.role, wanted.advisor_id)
        detail = {"role": user.role, "advisor_id": user.advisor_id}
        append(session, actor, "user.create", "user", user.id, "", detail)
        return UserCreatedPublic(**user_public(user).model_dump(), token=token)


@router.post("/{user_id}/revoke")
def revoke(user_id: str, actor: Admin, settings: SettingsDep) -> UserPublic:
    """Revoke a user's token (idempotent)."""
    with session_scope(settings) as session:
        user = revoke_user(session, user_id)
        append(session, actor, "user.revoke", "user", user.id)
        return user_public(user)
