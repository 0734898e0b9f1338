"""The ``copilot knowledge`` sub-commands: ingest the corpus and search it."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from knowledge import ingest_corpus, search
from knowledge.search import SearchMode
from tools.foundation.errors import CopilotError
from tools.foundation.settings import get_settings

app = typer.Typer(no_args_is_help=True)
console = Console()


@app.command("ingest")
def ingest() -> None:
    """Ingest the corpus into the vector store (idempotent: add, replace, remove)."""
    settings = get_settings()
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    try:
        with Progress(*columns, console=console) as progress:
            task = progress.add_task("Ingesting documents", total=None)

            def advance(done: int, total: int, doc_id: str) -> None:
                progress.update(task, completed=done, total=total, description=doc_id[:36])

            report = ingest_corpus(settings, progress=advance)
    except CopilotError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from None
    console.print(
        f"{report.documents} documents, {report.chunks} chunks in the store "
        f"(corpus {report.corpus_hash}): added {len(report.added)}, "
        f"replaced {len(report.replaced)}, removed {len(report.removed)}, "
        f"unchanged {report.unchanged}; {report.seconds:.1f} s"
    )


@app.command("search")
def search_(
    query: Annotated[str, typer.Argument(help="The question, in plain words.")],
    product: Annotated[
        list[str] | None, typer.Option("--product", "-p", help="Product code filter (repeat).")
    ] = None,
    country: Annotated[
        list[str] | None, typer.Option("--country", "-c", help="Country code filter (repeat).")
    ] = None,
    doc_type: Annotated[
        list[str] | None,
        typer.Option("--type", "-t", help="product, compliance or playbook (repeat)."),
    ] = None,
    k: Annotated[int, typer.Option("-k", min=1, max=50, help="Passages to return.")] = 5,
    mode: Annotated[str, typer.Option(help="hybrid or dense.")] = "hybrid",
    full: Annotated[bool, typer.Option(help="Print each passage in full.")] = False,
    customer: Annotated[
        bool, typer.Option(help="Search the customer product sheets instead of advisor guidance.")
    ] = False,
) -> None:
    """Search the knowledge base and show the cited passages, best first."""
    if mode not in ("hybrid", "dense"):
        console.print(f"[red]Unknown --mode {mode!r}: use hybrid or dense.[/red]")
        raise typer.Exit(2)
    search_mode: SearchMode = "hybrid" if mode == "hybrid" else "dense"
    try:
        chunks = search(
            query,
            products=product,
            countries=country,
            types=doc_type,
            k=k,
            mode=search_mode,
            audience="customer" if customer else "advisor",
            settings=get_settings(),
        )
    except CopilotError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from None
    if not chunks:
        console.print("No passages found (is the corpus ingested? run `copilot knowledge ingest`).")
        raise typer.Exit(1)
    table = Table(show_lines=full)
    table.add_column("#")
    table.add_column("score")
    table.add_column("cite", overflow="fold")
    table.add_column("section", overflow="fold")
    table.add_column("text", ratio=1)
    for rank, chunk in enumerate(chunks, start=1):
        body = chunk.text.split("\n\n", 1)[-1]
        text = body if full else body[:160].replace("\n", " ") + ("..." if len(body) > 160 else "")
        table.add_row(str(rank), f"{chunk.score:.3f}", chunk.chunk_id, chunk.section, text)
    console.print(table)
