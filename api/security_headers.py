"""Security headers on every response: a strict Content-Security-Policy, no sniffing.

The policy's ``frame-ancestors`` comes from the settings (the CRM that embeds the panel);
no referrer goes to other sites.

Pages load scripts and styles from ``/static`` only (no inline script, no inline style, no
eval), so the policy needs no ``unsafe-*`` source. The interactive API docs at ``/docs``
load Swagger UI from a CDN and are left without the policy.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import Request, Response

from tools.foundation.settings import Settings

UNPOLICED = ("/docs", "/redoc")
"""Paths served by FastAPI's own documentation pages (they need a CDN)."""


def content_security_policy(settings: Settings) -> str:
    """Return the Content-Security-Policy of the pages for a deployment."""
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            f"frame-ancestors {settings.frame_ancestors}",
        )
    )


def security_headers(
    settings: Settings,
) -> Callable[[Request, Callable[[Request], Awaitable[Response]]], Awaitable[Response]]:
    """Return the HTTP middleware adding the headers (the policy is computed once)."""
    policy = content_security_policy(settings)

    async def add_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        if not request.url.path.startswith(UNPOLICED):
            response.headers["Content-Security-Policy"] = policy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        return response

    return add_headers
