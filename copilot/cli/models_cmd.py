"""The ``copilot models`` sub-commands: train, list, challenger, card."""

from __future__ import annotations

import json
from typing import Annotated, get_args

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from tools.book.schema import migrate
from tools.contact_policy import load_contact_policy
from tools.foundation.settings import get_settings
from tools.registry import (
    ModelKind,
    ModelNotTrained,
    challenger_version,
    clear_challenger,
    current_version,
    list_versions,
    set_challenger,
)
from tools.registry.store import model_card_path
from tools.training.run import train_all

app = typer.Typer(no_args_is_help=True)
console = Console()
KINDS: tuple[ModelKind, ...] = get_args(ModelKind)


@app.command("train")
def train(
    challenger: Annotated[
        bool,
        typer.Option(
            "--challenger",
            help="Train the propensity model only and make it the challenger (it scores the "
            "contact policy's challenger arm); the current versions stay.",
        ),
    ] = False,
) -> None:
    """Train the propensity, credibility and churn/CLV models and make them current."""
    settings = get_settings()
    settings.ensure_dirs()
    migrate(settings)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("Starting", total=None)
        report = train_all(
            settings,
            progress=lambda step: progress.update(task, description=step),
            challenger=challenger,
        )
    for kind, version in report.versions.items():
        role = " (challenger)" if challenger else ""
        console.print(f"{kind}: [bold]{version}[/bold]{role} ({report.seconds[kind]:.1f} s)")
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
    for column in ("kind", "version", "trained at", "snapshot", "role"):
        table.add_column(column)
    for kind in KINDS:
        try:
            current = current_version(kind, settings.models_dir)
        except ModelNotTrained:
            current = ""
        roles = {current: "current", challenger_version(kind, settings.models_dir): "challenger"}
        for meta in list_versions(kind, settings.models_dir):
            mark = roles.get(meta.version, "")
            table.add_row(
                kind,
                meta.version,
                meta.trained_at.strftime("%Y-%m-%d %H:%M"),
                meta.data_snapshot,
                mark,
            )
    console.print(table)


@app.command("challenger")
def challenger(
    version: Annotated[
        str | None, typer.Argument(help="A stored propensity version (see `models list`).")
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove the challenger.")] = False,
) -> None:
    """Show, set or clear the propensity challenger (it scores the challenger arm)."""
    models_dir = get_settings().models_dir
    if clear:
        clear_challenger("propensity", models_dir)
        console.print("No challenger: every arm is scored by the current propensity model.")
        return
    if version is not None:
        try:
            set_challenger("propensity", version, models_dir)
        except ModelNotTrained as error:
            console.print(f"[red]{error}[/red]")
            raise typer.Exit(1) from None
    chosen = challenger_version("propensity", models_dir)
    share = load_contact_policy().experiment.challenger_share
    console.print(
        f"Challenger: {chosen or 'none'}; the contact policy puts {share:.0%} of customers "
        "in the challenger arm (`experiment.challenger_share` in contact_policy.yaml)."
    )


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
