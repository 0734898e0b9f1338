"""The ``copilot serve`` command."""

from __future__ import annotations

import typer

from tools.foundation.settings import get_settings


def serve(
    host: str = typer.Option(None, help="Bind address (default COPILOT_HOST)."),
    port: int = typer.Option(None, help="Port (default COPILOT_PORT)."),
) -> None:
    """Start the HTTP API and print its URL."""
    import uvicorn

    settings = get_settings()
    bind_host, bind_port = host or settings.host, port or settings.port
    typer.echo(f"Advisor copilot serving on http://{bind_host}:{bind_port}  (health: /health)")
    uvicorn.run("api.app:create_app", factory=True, host=bind_host, port=bind_port)
