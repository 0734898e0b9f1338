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
    """Render a template with the request in its context."""
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status_code)
