"""Server-rendered pages: one Jinja2 environment, autoescaping everything it is given."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
"""The page templates (``.html``: autoescaped)."""


def render(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """Render a template with the request, the signed-in actor and its CSRF token.

    The actor and token come from the request's authentication (``api.deps.caller``), never
    from the context a route passes.
    """
    caller = getattr(request.state, "caller", None)
    full = {
        "actor": caller.actor if caller is not None else None,
        "csrf": caller.csrf if caller is not None else None,
        **context,
    }
    return TEMPLATES.TemplateResponse(request, name, full, status_code=status_code)
