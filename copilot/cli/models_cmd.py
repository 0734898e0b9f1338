"""The ``copilot models`` sub-commands: train, list, card."""

from __future__ import annotations

import json
from typing import Annotated, get_args

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from tools.book.schema import migrate
from tools.foundation.settings import get_settings
from tools.registry import ModelKind, ModelNotTrained, current_version, list_versions
from tools.registry.store import model_card_path
from tools.training.run import train_all

app = typer.Typer(no_args_is_help=True)
console = Console()
KINDS: tuple[ModelKind, ...] = get_args(ModelKind)


@app.command("train")
def train() -> None:
    """Train the propensity, credibility and churn/CLV models and make them current."""
    settings = get_settings()
    settings.ensure_dirs()
    migrate(settings)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("Starting", total=None)
        report = train_all(settings, progress=lambda step: progress.update(task, description=step))
    for kind, version in report.versions.items():
        console.print(f"{kind}: [bold]{version}[/bold] ({report.seconds[kind]:.1f} s)")
    console.print(json.dumps(report.headline, indent=1))
    total = sum(report.seconds.values())
    console.print(
        f"Trained on {report.customers:,} customers as of {report.book_date} in {total:.1f} s"
    )


@app.command("list")
def list_() -> None:
    """List the stored model versions; the current one is marked."""
    settings = get_settings()
    table = Table(title=f"Models in {settings.models_dir}")
    for column in ("kind", "version", "trained at", "snapshot", "current"):
        table.add_column(column)
    for kind in KINDS:
        try:
            current = current_version(kind, settings.models_dir)
        except ModelNotTrained:
            current = ""
        for meta in list_versions(kind, settings.models_dir):
            mark = "*" if meta.version == current else ""
            table.add_row(
                kind,
                meta.version,
                meta.trained_at.strftime("%Y-%m-%d %H:%M"),
                meta.data_snapshot,
                mark,
            )
    console.print(table)


@app.command("card")
def card(
    kind: Annotated[str, typer.Argument(help="propensity, credibility or churn.")],
    version: Annotated[str | None, typer.Option(help="Version (default the current one).")] = None,
    raw: Annotated[bool, typer.Option(help="Print the Markdown source.")] = False,
) -> None:
    """Show the model card of a model version."""
    if kind not in KINDS:
        console.print(f"[red]Unknown model kind {kind!r}; choose one of {', '.join(KINDS)}.[/red]")
        raise typer.Exit(2)
    try:
        path = model_card_path(kind, get_settings().models_dir, version)
    except ModelNotTrained as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from None
    text = path.read_text(encoding="utf-8")
    if raw:
        typer.echo(text)
    else:
        console.print(Markdown(text))
