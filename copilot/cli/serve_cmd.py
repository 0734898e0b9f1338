"""The ``copilot serve`` command: migrate, create the demo users (development), serve the API."""

from __future__ import annotations

import typer

from tools.foundation.settings import Settings, get_settings

DEMO_ADVISOR = "ADV-001"
"""The demo advisor whose token ``make run`` prints."""


def panel_path(settings: Settings) -> str:
    """Return the side panel of the demo advisor's first seed customer (``/panel`` if none).

    Seed customers (ids ``S...``, the acceptance use cases) come before generated ones.
    """
    from sqlalchemy import select

    from tools.book.models import Customer
    from tools.foundation.db import session_scope

    with session_scope(settings) as session:
        book = select(Customer.id).where(Customer.advisor_id == DEMO_ADVISOR)
        first = session.scalar(book.order_by(Customer.id.like("S%").desc(), Customer.id).limit(1))
    return f"/panel?customer={first}" if first else "/panel"


def serve(
    host: str = typer.Option(None, help="Bind address (default COPILOT_HOST)."),
    port: int = typer.Option(None, help="Port (default COPILOT_PORT)."),
    workers: int = typer.Option(1, min=1, max=32, help="Worker processes."),
) -> None:
    """Start the HTTP API and print its URL (and, in development, the demo users' tokens)."""
    import uvicorn

    from copilot.users import demo_tokens
    from tools.book.schema import migrate

    settings = get_settings()
    settings.ensure_dirs()
    migrate(settings)
    tokens = demo_tokens(settings)
    bind_host, bind_port = host or settings.host, port or settings.port
    base = f"http://{bind_host}:{bind_port}"
    typer.echo(f"Advisor copilot serving on {base}  (health: /health, API docs: /docs)")
    typer.echo(f"Advisor side panel: {base}{panel_path(settings)}")
    typer.echo(f"Compliance review queue: {base}/review   (each page asks for a token first)")
    if DEMO_ADVISOR in tokens:
        typer.echo(f"  advisor {DEMO_ADVISOR} token:    {tokens[DEMO_ADVISOR]}")
    if "compliance" in tokens:
        typer.echo(f"  compliance officer token: {tokens['compliance']}")
    if tokens:
        typer.echo("  (development demo users; `copilot users add` creates real ones)")
    uvicorn.run("api.app:create_app", factory=True, host=bind_host, port=bind_port, workers=workers)
