"""The ``copilot book`` sub-commands: import, export, stats and a customer's contacts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tools.book.csv_io import export_book, import_book
from tools.book.repository import contacts_of, resolve_customer
from tools.book.schema import ensure_schema, migrate
from tools.book.stats import mix, seed_customers, table_counts
from tools.contactability import ChannelState, contact_contactability
from tools.foundation.db import session_factory
from tools.foundation.errors import BookImportError, CopilotError
from tools.foundation.settings import get_settings

app = typer.Typer(no_args_is_help=True)
console = Console()


@app.command("import")
def import_(
    folder: Annotated[Path, typer.Argument(help="Folder with one CSV file per table.")],
) -> None:
    """Import a whole book from CSV; any bad row rejects the whole import."""
    settings = get_settings()
    migrate(settings)
    with session_factory(settings)() as session:
        try:
            counts = import_book(session, folder)
        except BookImportError as error:
            console.print(f"[red]{error}[/red]")
            raise typer.Exit(2) from None
    console.print(f"Imported {sum(counts.values())} rows from {folder}: {counts}")


@app.command("export")
def export(
    folder: Annotated[Path, typer.Argument(help="Folder to write the CSV files into.")],
) -> None:
    """Export the whole book as CSV, one file per table."""
    settings = get_settings()
    with session_factory(settings)() as session:
        counts = export_book(session, folder)
    console.print(f"Exported {sum(counts.values())} rows to {folder}: {counts}")


@app.command("stats")
def stats() -> None:
    """Show table counts, the country and industry mix, and the seed use-case customers."""
    settings = get_settings()
    migrate(settings)
    with session_factory(settings)() as session:
        counts, countries = table_counts(session), mix(session, "country")
        industries, seeds = mix(session, "industry_code"), seed_customers(session)
    console.print("Rows: " + ", ".join(f"{name} {n:,}" for name, n in counts.items()))
    console.print("Countries: " + ", ".join(f"{k} {v:,}" for k, v in countries.items()))
    console.print("Industries: " + ", ".join(f"{k} {v:,}" for k, v in industries.items()))
    table = Table(title="Seed use-case customers")
    for column in ("id", "name", "country", "industry", "employees", "turnover EUR", "policies"):
        table.add_column(column)
    for row in seeds:
        policies = ", ".join(
            f"{code} EUR {premium:,.0f}" for code, premium in row["policies"].items()
        )
        table.add_row(
            row["id"],
            row["name"],
            row["country"],
            row["industry"],
            str(row["employees"]),
            f"{row['turnover_eur']:,}",
            policies or ("prospect" if row["prospect"] else "-"),
        )
    console.print(table)


@app.command("contacts")
def contacts(
    customer: Annotated[str, typer.Argument(help="Customer id or exact name.")],
) -> None:
    """List a customer's contact persons: id, name, role, language and consent per channel.

    The id is what `copilot ask --contact` takes; the primary contact is written to when none
    is given. Consent is the person's own (unknown means no); an objection always wins.
    """
    settings = get_settings()
    ensure_schema(settings)
    with session_factory(settings)() as session:
        try:
            found = resolve_customer(session, customer)
        except CopilotError as error:
            Console(stderr=True).print(f"error: {error}", markup=False, highlight=False)
            raise typer.Exit(2) from None
        name, customer_id = found.name, found.id
        rows = [(p, contact_contactability(p, found)) for p in contacts_of(session, found.id)]
        lines = [
            (
                f"{person.id}  {person.first_name} {person.last_name}, {person.role} "
                f"({person.language}){', primary' if person.is_primary else ''}"
                f"{', objected to marketing' if reach.objection_to_marketing else ''}",
                " · ".join(_channel_words(state) for state in reach.channels),
            )
            for person, reach in rows
        ]
    if not lines:
        console.print(f"{name} ({customer_id}) has no contact persons in the book.", markup=False)
        return
    console.print(f"Contacts of {name} ({customer_id}):", markup=False, highlight=False)
    for who, channels in lines:
        console.print(who, markup=False, highlight=False)
        console.print(f"    {channels}", markup=False, highlight=False, soft_wrap=True)


def _channel_words(state: ChannelState) -> str:
    """Return a channel's consent and whether marketing may go out, in a few words."""
    allowed = "marketing allowed" if state.marketing_allowed else "no marketing"
    basis = " (soft opt-in)" if state.basis == "soft_opt_in" else ""
    return f"{state.channel} {state.consent}: {allowed}{basis}"
