"""Who is calling: a bearer token (API clients) or a signed session cookie (browsers).

A browser signs in at ``/login`` with its access token and gets a signed, expiring, HttpOnly,
SameSite session cookie that names the user and carries a CSRF secret. A state-changing
request authenticated by the cookie must send that secret back (``X-CSRF-Token`` header, or a
``csrf_token`` form field); bearer-token requests carry no ambient credential and need none.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

from api.errors import NotSignedIn
from copilot.users import Actor, User, authenticate
from tools.foundation.db import session_scope
from tools.foundation.errors import Forbidden
from tools.foundation.settings import Settings

SESSION_COOKIE = "copilot_session"
"""Name of the session cookie."""
CSRF_HEADER = "X-CSRF-Token"
"""Header carrying the CSRF secret of the session on state-changing requests."""
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class CsrfMissing(Forbidden):
    """A state-changing browser request came without its session's CSRF secret."""


@dataclass(frozen=True)
class Caller:
    """The authenticated caller and how they authenticated."""

    actor: Actor
    via_cookie: bool
    csrf: str | None = None


def _serializer(settings: Settings) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(settings.secret_key.get_secret_value(), salt="copilot-session")


def session_cookie(settings: Settings, user: User) -> tuple[str, str]:
    """Return the signed cookie value of a new session and its CSRF secret."""
    csrf = secrets.token_urlsafe(24)
    return _serializer(settings).dumps({"u": user.id, "c": csrf}), csrf


def set_session(response: Response, settings: Settings, user: User) -> str:
    """Sign the user in on this response; return the session's CSRF secret."""
    value, csrf = session_cookie(settings, user)
    response.set_cookie(
        SESSION_COOKIE,
        value,
        max_age=int(settings.session_hours * 3600),
        httponly=True,
        secure=settings.cookie_secure,
        samesite=settings.cookie_samesite,
        path="/",
    )
    return csrf


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _cookie_user(settings: Settings, value: str) -> tuple[str, str] | None:
    try:
        data = _serializer(settings).loads(value, max_age=int(settings.session_hours * 3600))
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), str):
        return None
    return data["u"], str(data.get("c", ""))


def identify(settings: Settings, request: Request) -> Caller | None:
    """Return the caller of a request, or None when it carries no valid credential."""
    token = _bearer(request)
    with session_scope(settings) as session:
        if token is not None:
            user = authenticate(session, token)
            return Caller(Actor.of(user), via_cookie=False) if user else None
        cookie = request.cookies.get(SESSION_COOKIE)
        found = _cookie_user(settings, cookie) if cookie else None
        if found is None:
            return None
        user = session.get(User, found[0])
        if user is None or not user.active:
            return None
        return Caller(Actor.of(user), via_cookie=True, csrf=found[1])


async def check_csrf(request: Request, caller: Caller) -> None:
    """Refuse a state-changing cookie request that does not send its CSRF secret.

    Raises:
        CsrfMissing: the header (or form field) is missing or wrong.
    """
    if not caller.via_cookie or request.method in SAFE_METHODS:
        return
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        sent = str((await request.form()).get("csrf_token") or "")
    if not sent or not caller.csrf or not hmac.compare_digest(sent, caller.csrf):
        raise CsrfMissing(
            "This browser request needs its CSRF token (the X-CSRF-Token header): reload the page."
        )


def require_caller(settings: Settings, request: Request) -> Caller:
    """Return the caller, or raise ``NotSignedIn``."""
    caller = identify(settings, request)
    if caller is None:
        raise NotSignedIn()
    return caller
