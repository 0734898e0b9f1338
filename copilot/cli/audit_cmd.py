"""The ``copilot audit`` sub-commands: verify the hash chain, export it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal

import typer

from copilot.audit import AuditBroken, verify_chain
from copilot.audit.chain import as_record, entries
from tools.book.schema import ensure_schema
from tools.foundation.db import session_scope
from tools.foundation.settings import get_settings

app = typer.Typer(no_args_is_help=True)
BROKEN = 1


@app.callback()
def audit() -> None:
    """Check and export the append-only, hash-chained audit log."""


@app.command()
def verify() -> None:
    """Check every entry's hash and link; exit 1 naming the first broken entry."""
    settings = get_settings()
    ensure_schema(settings)
    with session_scope(settings) as session:
        try:
            count = verify_chain(session)
        except AuditBroken as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(BROKEN) from None
    typer.echo(f"Audit log intact: {count:,} entries.")


@app.command()
def export(
    format: Annotated[Literal["jsonl"], typer.Option(help="Output format.")] = "jsonl",
    output: Annotated[
        Path | None, typer.Option(help="Write to this file (default standard output).")
    ] = None,
) -> None:
    """Export every entry in chain order, one JSON object per line (with its hashes)."""
    settings = get_settings()
    ensure_schema(settings)
    out = output.open("w", encoding="utf-8") if output else None
    try:
        with session_scope(settings) as session:
            for entry in entries(session):
                line = json.dumps(as_record(entry), ensure_ascii=False)
                if out:
                    out.write(line + "\n")
                else:
                    typer.echo(line)
    finally:
        if out:
            out.close()
