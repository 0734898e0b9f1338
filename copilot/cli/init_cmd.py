"""The ``copilot init`` command: database, catalogue, demo book, then models and knowledge."""

from __future__ import annotations

import time
from datetime import date
from typing import Annotated, get_args

import typer
from rich.console import Console
from rich.progress import Progress

from copilot.cli import batch_cmd, knowledge_cmd, models_cmd
from tools.book.generator import BookSpec
from tools.book.loading import ensure_demo_book
from tools.book.schema import migrate
from tools.catalogue.loader import load_catalogue
from tools.foundation.db import session_factory
from tools.foundation.settings import get_settings
from tools.registry import (
    ModelArtifactUnreadable,
    ModelKind,
    ModelNotTrained,
    current_version,
    load_current,
)

MODEL_KINDS: tuple[ModelKind, ...] = get_args(ModelKind)

console = Console()


def init(
    customers: Annotated[
        int, typer.Option(min=50, max=1_000_000, help="Synthetic customers.")
    ] = 2000,
    seed: Annotated[int, typer.Option(help="Generator seed (same seed, same book).")] = 42,
    as_of: Annotated[
        str | None, typer.Option(help="Book date, YYYY-MM-DD (default today).")
    ] = None,
    reset: Annotated[bool, typer.Option(help="Drop the loaded book and generate it anew.")] = False,
    retrain: Annotated[bool, typer.Option(help="Train the models even if trained.")] = False,
    book_only: Annotated[bool, typer.Option(help="Stop after loading the book.")] = False,
) -> None:
    """Create or migrate the database, load the book, train models, ingest documents, run the batch.

    Idempotent: a loaded book is kept, trained models are kept (unless --reset or --retrain),
    the document ingest only touches changed documents, and the batch replaces its date's lists.
    """
    started = time.perf_counter()
    settings = get_settings()
    settings.ensure_dirs()
    migrate(settings)
    catalogue = load_catalogue()
    console.print(
        f"Database ready ({settings.db_url.split('@')[-1]}); catalogue {catalogue.version}"
        f" with {len(catalogue.products)} products"
    )
    try:
        book_date = date.fromisoformat(as_of) if as_of else date.today()
    except ValueError:
        console.print(f"[red]Invalid --as-of {as_of!r}: use YYYY-MM-DD.[/red]")
        raise typer.Exit(2) from None
    spec = BookSpec(customers=customers, seed=seed, as_of=book_date)
    with session_factory(settings)() as session, Progress(console=console) as progress:
        task = progress.add_task("Generating the book", total=customers)
        result = ensure_demo_book(
            session, spec, reset=reset, progress=lambda n: progress.advance(task, n)
        )
        progress.update(task, completed=customers)
    verb = "Generated" if result.generated else "Kept the loaded"
    console.print(
        f"{verb} book: {result.customers:,} customers + 5 seed customers, "
        f"seed {result.seed}, as of {result.as_of}"
    )
    if not book_only:
        _ensure_models(retrain or result.generated)
        knowledge_cmd.ingest()
        batch_cmd.run(date_=None, advisor=None)
    console.print(f"copilot init done in {time.perf_counter() - started:.1f} s")


def _ensure_models(retrain: bool) -> None:
    settings = get_settings()
    try:
        versions = {kind: current_version(kind, settings.models_dir) for kind in MODEL_KINDS}
        for kind in MODEL_KINDS:
            load_current(kind, settings.models_dir)
    except ModelArtifactUnreadable as error:
        console.print(f"[yellow]{error}[/yellow] Training again.")
        versions = {}
    except ModelNotTrained:
        versions = {}
    if versions and not retrain:
        console.print(
            "Kept the trained models: " + ", ".join(f"{k} {v}" for k, v in versions.items())
        )
        return
    models_cmd.train()
