"""The ``copilot outcomes`` sub-commands: import the policy system's outcomes, sweep no response."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tools.book.schema import ensure_schema
from tools.foundation.clock import utc_now
from tools.foundation.db import session_scope
from tools.foundation.errors import BookImportError
from tools.foundation.settings import get_settings
from tools.learning.outcome_csv import import_outcomes
from tools.learning.outcomes import mark_no_response

app = typer.Typer(no_args_is_help=True)
REJECTED = 2


@app.callback()
def outcomes() -> None:
    """Record what became of presented offers."""


@app.command("import")
def import_file(
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="outcomes.csv")],
    recorded_by: Annotated[str, typer.Option(help="Who imports (recorded).")] = "policy-system",
) -> None:
    """Import outcomes (offer_id, outcome, occurred_at): all rows or none, idempotent."""
    settings = get_settings()
    ensure_schema(settings)
    try:
        with session_scope(settings) as session:
            result = import_outcomes(session, path, recorded_by=recorded_by, now=utc_now())
    except BookImportError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(REJECTED) from None
    typer.echo(
        f"Imported {result.created} outcomes from {result.rows} rows "
        f"({result.already_stored} already stored)."
    )


@app.command()
def sweep() -> None:
    """Record no_response for offers without an outcome after COPILOT_OUTCOME_NO_RESPONSE_DAYS."""
    settings = get_settings()
    ensure_schema(settings)
    with session_scope(settings) as session:
        marked = mark_no_response(session, utc_now(), settings.outcome_no_response_days)
    typer.echo(f"Marked {marked} offers as no response.")
