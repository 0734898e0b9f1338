"""The ``copilot users`` sub-commands: add a user (its token printed once), list, revoke."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from copilot.audit import append
from copilot.users import SYSTEM, create_user, list_users, revoke_user
from tools.book.schema import ensure_schema
from tools.foundation.db import session_scope
from tools.foundation.errors import CopilotError
from tools.foundation.settings import get_settings

app = typer.Typer(no_args_is_help=True)
console = Console()
BAD_INPUT = 2


@app.callback()
def users() -> None:
    """Manage the copilot's users and their API tokens."""


def _fail(error: CopilotError) -> typer.Exit:
    typer.echo(f"error: {error}", err=True)
    return typer.Exit(BAD_INPUT)


@app.command()
def add(
    name: Annotated[str, typer.Option(help="The person's name.")],
    role: Annotated[str, typer.Option(help="advisor, compliance, admin or operations.")],
    advisor: Annotated[
        str | None, typer.Option(help="The advisor id whose book an advisor user sees.")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print {user_id, token} as JSON.")
    ] = False,
) -> None:
    """Create a user and print its API token once (only its hash is stored)."""
    settings = get_settings()
    ensure_schema(settings)
    try:
        with session_scope(settings) as session:
            user, token = create_user(session, name, role, advisor)
            detail = {"role": user.role, "advisor_id": user.advisor_id, "via": "cli"}
            append(session, SYSTEM, "user.create", "user", user.id, "", detail)
    except CopilotError as error:
        raise _fail(error) from None
    if as_json:
        typer.echo(json.dumps({"user_id": user.id, "token": token}))
        return
    typer.echo(f"Created {user.role} {user.name} ({user.id}).")
    typer.echo(f"Token (shown once, keep it safe): {token}")


@app.command("list")
def list_(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines.")] = False,
) -> None:
    """List every user (revoked ones too); tokens are never shown again."""
    settings = get_settings()
    ensure_schema(settings)
    with session_scope(settings) as session:
        rows = [
            {
                "user_id": u.id,
                "name": u.name,
                "role": u.role,
                "advisor_id": u.advisor_id,
                "created_at": u.created_at.isoformat(timespec="seconds"),
                "revoked_at": u.revoked_at.isoformat(timespec="seconds") if u.revoked_at else None,
            }
            for u in list_users(session)
        ]
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row))
        return
    table = Table("id", "name", "role", "advisor", "created", "revoked")
    for row in rows:
        table.add_row(*(str(row[k] or "") for k in row))
    console.print(table)


@app.command()
def revoke(user_id: Annotated[str, typer.Argument(help="The user's id.")]) -> None:
    """Revoke a user's token: it stops working at once (idempotent)."""
    settings = get_settings()
    ensure_schema(settings)
    try:
        with session_scope(settings) as session:
            user = revoke_user(session, user_id)
            append(session, SYSTEM, "user.revoke", "user", user.id, "", {"via": "cli"})
    except CopilotError as error:
        raise _fail(error) from None
    typer.echo(f"Revoked {user.name} ({user.id}).")
