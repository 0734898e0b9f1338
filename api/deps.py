"""The request's dependencies: settings, the turn service, and the authenticated caller.

Roles are checked here, once per route, by ``role(...)``; data access checks again in the
query (``copilot/access.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request

from api.auth import Caller, check_csrf, require_caller
from copilot.access import WrongRole
from copilot.service import TurnService
from copilot.users import Actor
from tools.foundation.settings import Settings


def app_settings(request: Request) -> Settings:
    """Return the deployment's settings (set on the app at start-up)."""
    settings: Settings = request.app.state.settings
    return settings


def turn_service(request: Request) -> TurnService:
    """Return the process's turn service (one per worker)."""
    service: TurnService = request.app.state.service
    return service


SettingsDep = Annotated[Settings, Depends(app_settings)]
ServiceDep = Annotated[TurnService, Depends(turn_service)]


async def caller(request: Request, settings: SettingsDep) -> Caller:
    """Return the authenticated caller (401 without a valid token or session; CSRF checked)."""
    found = require_caller(settings, request)
    await check_csrf(request, found)
    request.state.actor = found.actor
    request.state.caller = found
    return found


CallerDep = Annotated[Caller, Depends(caller)]


def role(*roles: str) -> Callable[..., Coroutine[Any, Any, Actor]]:
    """Return a dependency that admits only callers with one of these roles (else 403)."""

    async def admitted(found: CallerDep) -> Actor:
        if found.actor.role not in roles:
            raise WrongRole("do this", roles)
        return found.actor

    return admitted


AnyUser = Annotated[Actor, Depends(role("advisor", "compliance", "admin", "operations"))]
Advisor = Annotated[Actor, Depends(role("advisor"))]
Reader = Annotated[Actor, Depends(role("advisor", "compliance", "admin"))]
Compliance = Annotated[Actor, Depends(role("compliance"))]
Operations = Annotated[Actor, Depends(role("admin", "operations"))]
Admin = Annotated[Actor, Depends(role("admin"))]
