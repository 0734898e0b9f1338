"""The one mapping of errors to HTTP statuses (every route raises; nothing maps on its own).

Expected errors carry a category (``tools/foundation/errors.py``): not found 404, forbidden
403, conflict 409, invalid input 422, unavailable 503. Bad payloads are 422 with a message per
field; a message longer than the limit is 413; a missing or bad token 401 (``NotSignedIn``).
Anything else is a 500 with a generic message (logged): never for bad input.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
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


def _body(error: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": error, "message": message, **extra}


def status_of(error: CopilotError) -> int:
    """Return the HTTP status of an expected error."""
    return 413 if isinstance(error, TooLarge) else STATUS[error.category]


async def _expected(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, CopilotError)
    return JSONResponse(_body(error.category, str(error)), status_code=status_of(error))


async def _unauthenticated(request: Request, error: Exception) -> JSONResponse:
    message = str(error) or "Sign in: send Authorization: Bearer TOKEN, or sign in at /login."
    headers = {"WWW-Authenticate": "Bearer"}
    return JSONResponse(_body("unauthenticated", message), status_code=401, headers=headers)


async def _invalid(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    fields = [
        {"field": ".".join(str(p) for p in item.get("loc", ())), "message": item.get("msg", "")}
        for item in error.errors()
    ]
    first = fields[0] if fields else {"field": "", "message": "invalid request"}
    text = f"{first['field']}: {first['message']}"
    return JSONResponse(_body("invalid_input", text, fields=fields), status_code=422)


async def _http(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    return JSONResponse(
        _body("http", str(error.detail)), status_code=error.status_code, headers=error.headers
    )


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    logger.exception("unexpected error on %s %s", request.method, request.url.path)
    return JSONResponse(_body("internal", "Something went wrong on our side."), status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    """Register the mapping on the app."""
    app.add_exception_handler(CopilotError, _expected)
    app.add_exception_handler(NotSignedIn, _unauthenticated)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)
