"""Server-rendered pages: one Jinja2 environment, autoescaping everything it is given."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from tools.catalogue.loader import load_catalogue

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
"""The page templates (``.html``: autoescaped)."""


def day(moment: datetime | date | None) -> str:
    """Format a date as the pages show it: ``3 Dec 2026`` (empty for none)."""
    return f"{moment.day} {moment:%b %Y}" if moment is not None else ""


def percent(share: float | None) -> str:
    """Format a share 0-1 as a whole percentage with a space: ``22 %``."""
    return f"{round(share * 100)} %" if share is not None else ""


def euros(amount: float | None) -> str:
    """Format an amount in euros with thin grouping: ``EUR 3,000,000``."""
    return f"EUR {amount:,.0f}" if amount is not None else ""


def label(code: str | None) -> str:
    """Turn a code into words: ``automated_email`` -> ``automated email``."""
    return (code or "").replace("_", " ")


ROLE_WORDS = {
    "owner": "Owner",
    "ceo": "CEO",
    "cfo": "CFO",
    "coo": "COO",
    "hr": "HR",
    "operations": "Operations",
    "finance": "Finance",
    "it": "IT",
    "sales": "Sales",
    "office_manager": "Office manager",
    "board_member": "Board member",
}
"""A contact person's role as the pages write it."""


def role(code: str | None) -> str:
    """Return a contact person's role in words: ``ceo`` -> ``CEO``."""
    return ROLE_WORDS.get(code or "", label(code).capitalize())


def product(code: str | None) -> str:
    """Return a product's display name from the catalogue (the code if unknown)."""
    if not code:
        return ""
    found = load_catalogue().products.get(code)
    return found.name if found is not None else code


TEMPLATES.env.filters.update(
    day=day, percent=percent, euros=euros, label=label, product=product, role=role
)


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
