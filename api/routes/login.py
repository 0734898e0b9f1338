"""Browser sign-in: a form asks for the access token and sets a signed session cookie."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.audit_trail import ANONYMOUS, audit
from api.auth import SESSION_COOKIE, set_session
from api.deps import CallerDep, SettingsDep
from api.pages import render
from copilot.users import Actor, authenticate
from tools.foundation.db import session_scope

router = APIRouter(tags=["sign-in"])
DEFAULT_NEXT = "/"
"""Where a browser goes after signing in when it did not ask for a page (its start page)."""


def safe_next(target: str | None) -> str:
    """Return a local path to go to after sign-in (never another site: no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return DEFAULT_NEXT
    return target


START_PAGES = {"advisor": "/panel", "compliance": "/review", "admin": "/review"}
"""Each role's start page (operations has none: it uses the API)."""


@router.get("/", include_in_schema=False)
def start_page(caller: CallerDep) -> Response:
    """Send a signed-in browser to its role's start page."""
    return RedirectResponse(START_PAGES.get(caller.actor.role, "/api/me"), status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str | None = None) -> HTMLResponse:
    """Show the sign-in form."""
    return render(request, "login.html", {"next": safe_next(next), "error": None})


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    settings: SettingsDep,
    token: Annotated[str, Form(max_length=256)] = "",
    next: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """Check the token; set the session cookie and go on, or show the form again (401)."""
    with session_scope(settings) as session:
        user = authenticate(session, token.strip())
        actor = Actor.of(user) if user else None
    if user is None or actor is None:
        audit(settings, ANONYMOUS, "auth.sign_in_failed", "user", "-", "unknown or revoked token")
        context = {"next": safe_next(next), "error": "That access token is not valid."}
        return render(request, "login.html", context, status_code=401)
    response = RedirectResponse(safe_next(next), status_code=303)
    set_session(response, settings, user)
    audit(settings, actor, "auth.sign_in", "user", actor.user_id)
    return response


@router.post("/logout")
def logout(caller: CallerDep, settings: SettingsDep) -> Response:
    """End the browser session (the CSRF token is required like any other change)."""
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    audit(settings, caller.actor, "auth.sign_out", "user", caller.actor.user_id)
    return response
