"""The one mapping of errors to HTTP statuses (every route raises; nothing maps on its own).

Expected errors carry a category (``tools/foundation/errors.py``): not found 404, forbidden
403, conflict 409, invalid input 422, unavailable 503. Bad payloads are 422 with a message per
field; a message longer than the limit is 413; a missing or bad token 401 (``NotSignedIn``).
Anything else is a 500 with a generic message (logged): never for bad input.

A page (any path outside ``/api``, ``/health``, ``/metrics`` and the docs) gets the same
status as HTML: a plain page, a fragment for an HTMX request, and a redirect to ``/login``
when nobody is signed in.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from tools.foundation.errors import CopilotError, InvalidInput

logger = logging.getLogger(__name__)

STATUS = {
    "not_found": 404,
    "forbidden": 403,
    "conflict": 409,
    "invalid_input": 422,
    "unavailable": 503,
}
"""HTTP status of each error category."""


class NotSignedIn(Exception):
    """No valid token or session came with the request (401)."""


class TooLarge(InvalidInput):
    """A field is longer than the product accepts (413, not 422)."""


API_PREFIXES = ("/api/", "/health", "/metrics", "/docs", "/redoc", "/openapi.json")
"""Paths that answer JSON; every other path is a page and answers HTML."""
HEADINGS = {401: "Sign in", 403: "Not allowed", 404: "Not found", 409: "Already decided"}


def is_page(request: Request) -> bool:
    """Return whether a request is for a page (HTML) rather than the JSON API."""
    return not request.url.path.startswith(API_PREFIXES)


def _page(request: Request, status: int, message: str) -> Response:
    from api.pages import render  # the pages import this module

    heading = HEADINGS.get(status, "Something went wrong" if status >= 500 else "Not accepted")
    if request.headers.get("hx-request"):
        context = {"message": message, "heading": heading if status != 422 else None}
        return render(request, "partials/error.html", context, status_code=status)
    context = {"heading": heading, "message": message}
    return render(request, "error.html", context, status_code=status)


def login_redirect(request: Request) -> Response:
    """Send a browser to the sign-in form, coming back to the page it asked for."""
    from urllib.parse import quote

    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    location = f"/login?next={quote(target, safe='')}"
    if request.headers.get("hx-request"):  # HTMX follows this header with a full page load
        return HTMLResponse("", status_code=401, headers={"HX-Redirect": location})
    return RedirectResponse(location, status_code=303)


def _body(error: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": error, "message": message, **extra}


def status_of(error: CopilotError) -> int:
    """Return the HTTP status of an expected error."""
    return 413 if isinstance(error, TooLarge) else STATUS[error.category]


async def _expected(request: Request, error: Exception) -> Response:
    assert isinstance(error, CopilotError)
    if is_page(request):
        return _page(request, status_of(error), str(error))
    return JSONResponse(_body(error.category, str(error)), status_code=status_of(error))


async def _unauthenticated(request: Request, error: Exception) -> Response:
    if is_page(request):
        return login_redirect(request)
    message = str(error) or "Sign in: send Authorization: Bearer TOKEN, or sign in at /login."
    headers = {"WWW-Authenticate": "Bearer"}
    return JSONResponse(_body("unauthenticated", message), status_code=401, headers=headers)


async def _invalid(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    fields = [
        {"field": ".".join(str(p) for p in item.get("loc", ())), "message": item.get("msg", "")}
        for item in error.errors()
    ]
    first = fields[0] if fields else {"field": "", "message": "invalid request"}
    text = f"{first['field']}: {first['message']}"
    if is_page(request):
        return _page(request, 422, f"Please check the form: {text}.")
    return JSONResponse(_body("invalid_input", text, fields=fields), status_code=422)


async def _http(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    if is_page(request) and not request.url.path.startswith("/static/"):
        message = "There is no such page." if error.status_code == 404 else str(error.detail)
        return _page(request, error.status_code, message)
    return JSONResponse(
        _body("http", str(error.detail)), status_code=error.status_code, headers=error.headers
    )


async def _unexpected(request: Request, error: Exception) -> Response:
    logger.exception("unexpected error on %s %s", request.method, request.url.path)
    if is_page(request):
        return _page(request, 500, "Something went wrong on our side; please try again.")
    return JSONResponse(_body("internal", "Something went wrong on our side."), status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    """Register the mapping on the app."""
    app.add_exception_handler(CopilotError, _expected)
    app.add_exception_handler(NotSignedIn, _unauthenticated)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)
