"""The ``copilot batch`` sub-commands: run the nightly scoring, list an advisor's actions."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
from rich.table import Table

from tools.book.repository import resolve_advisor
from tools.book.schema import migrate
from tools.foundation.db import session_factory
from tools.foundation.errors import CopilotError
from tools.foundation.settings import get_settings

app = typer.Typer(no_args_is_help=True)
console = Console()


@app.command("run")
def run(
    date_: Annotated[
        str | None, typer.Option("--date", help="Run date (ISO 8601); default the book's as-of.")
    ] = None,
    advisor: Annotated[
        str | None, typer.Option("--advisor", help="Only this advisor's customers (id or name).")
    ] = None,
) -> None:
    """Score the whole book and write each advisor's action list (re-runs replace the date)."""
    settings = get_settings()
    migrate(settings)
    columns = (
        *Progress.get_default_columns()[:1],
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console) as bar:
        task = bar.add_task("Scoring customers", total=None)
        try:
            from tools.batch import run_batch  # numpy/pandas/sklearn only when it runs

            report = run_batch(
                settings,
                date_,
                lambda done, total: bar.update(task, completed=done, total=total),
                advisor_id=advisor,
            )
        except CopilotError as error:
            console.print(f"[red]{error}[/red]")
            raise typer.Exit(2) from None
    console.print(
        f"{report.run_date}: {report.customers:,} customers, {report.candidates:,} candidates, "
        f"{report.chosen:,} actions written in {report.seconds:.1f} s "
        f"(policy {report.policy_version}, ranking: {report.ranking_basis})."
    )
    console.print(
        f"Learning loop: {report.no_response_marked:,} offers marked no response, "
        f"{report.alerts_raised:,} alerts raised (`copilot report alerts`)."
    )
    console.print(
        "Suppressed: "
        + (", ".join(f"{rule} {n:,}" for rule, n in report.suppressed.items()) or "none")
    )


@app.command("list")
def list_(
    advisor: Annotated[str, typer.Option("--advisor", help="Advisor id or name.")],
    date_: Annotated[
        str | None, typer.Option("--date", help="Run date (ISO 8601); default the latest run.")
    ] = None,
    limit: Annotated[int, typer.Option(help="Show at most this many items.")] = 50,
) -> None:
    """Print an advisor's action list of a run date, highest priority first."""
    settings = get_settings()
    migrate(settings)
    with session_factory(settings)() as session:
        try:
            advisor_id = resolve_advisor(session, advisor).id
            run_date = date.fromisoformat(date_) if date_ else None
        except (CopilotError, ValueError) as error:
            console.print(f"[red]{error}[/red]")
            raise typer.Exit(2) from None
        from tools.batch.store import advisor_items

        items = advisor_items(session, advisor_id, run_date)
    if not items:
        console.print(f"No action items for {advisor_id}; run `copilot batch run` first.")
        return
    table = Table(title=f"Action list of {advisor_id} for {items[0].run_date}")
    for column in ("#", "customer", "action", "product", "due by", "delivery", "reason"):
        table.add_column(column)
    for item in items[:limit]:
        table.add_row(
            str(item.priority),
            item.customer_id,
            item.kind,
            item.product or "",
            item.due_by.strftime("%Y-%m-%d %H:%M"),
            item.delivery,
            item.reason,
        )
    console.print(table)
