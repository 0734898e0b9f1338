"""The FastAPI application factory."""

from __future__ import annotations

from fastapi import FastAPI


def create_app() -> FastAPI:
    """Build the HTTP API."""
    app = FastAPI(title="Advisor copilot")

    @app.get("/health")
    def health() -> dict[str, str]:
        """Report that the server is up."""
        return {"status": "ok"}

    return app
