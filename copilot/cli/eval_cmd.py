"""The ``copilot eval`` sub-commands: run suites against the release thresholds; compare runs.

``copilot eval run [SUITE|all]`` is offline and deterministic by default; it writes
``result.json`` and ``report.html`` under ``<data dir>/reports/evals/<run id>/`` and exits 1
when a threshold in ``evals/thresholds.yaml`` is missed (2 on bad input).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from evals.runner import SUITES, RunResult, run_suites, write_run
from tools.foundation.errors import CopilotError
from tools.foundation.settings import get_settings

app = typer.Typer(no_args_is_help=True)
console = Console()


def _summary(run: RunResult) -> None:
    for suite in run.suites:
        mark = "[green]pass[/green]" if suite.passed else "[red]FAIL[/red]"
        console.print(f"{suite.result.suite}: {mark} ({len(suite.result.cases)} cases)")
        for verdict in suite.verdicts:
            bound = f" (threshold {verdict.threshold})" if verdict.threshold else ""
            missed = "" if verdict.passed else "  [red]missed[/red]"
            console.print(f"  {verdict.name}: {verdict.value:.4g}{bound}{missed}", highlight=False)
        for notice in suite.result.notices:
            console.print(f"  [dim]{notice}[/dim]")
    console.print("PASSED" if run.passed else "[red]FAILED[/red]")


@app.command("run")
def run(
    suite: Annotated[str, typer.Argument(help=f"A suite ({', '.join(SUITES)}) or all.")] = "all",
    llm: Annotated[str, typer.Option(help="offline (default) or configured.")] = "offline",
    repeat: Annotated[int, typer.Option(min=1, max=20, help="Runs per suite.")] = 1,
    sample: Annotated[
        int | None, typer.Option(min=1, help="At most N cases per suite (CI); default all.")
    ] = None,
    mode: Annotated[
        str | None, typer.Option(help="retrieval only: search mode, hybrid or dense.")
    ] = None,
) -> None:
    """Run suites, print their scores against the thresholds, write JSON and HTML."""
    if llm not in ("offline", "configured"):
        console.print("[red]--llm is offline or configured.[/red]")
        raise typer.Exit(2)
    names = list(SUITES) if suite == "all" else [suite]
    settings = get_settings()
    options = {"mode": mode} if mode else {}
    columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    try:
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("eval", total=len(names))

            def started(name: str) -> None:
                progress.update(task, description=f"suite {name}", completed=names.index(name))

            result = run_suites(
                settings,
                names,
                llm=llm,  # type: ignore[arg-type]
                repeat=repeat,
                sample=sample,
                on_suite=started,
                options=options,
            )
    except CopilotError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from None
    folder = write_run(settings, result)
    _summary(result)
    console.print(f"result: {folder / 'result.json'}\nreport: {folder / 'report.html'}")
    if not result.passed:
        raise typer.Exit(1)


@app.command("compare")
def compare(
    before: Annotated[Path, typer.Argument(help="result.json of the earlier run (A).")],
    after: Annotated[Path, typer.Argument(help="result.json of the later run (B).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the comparison as JSON.")] = False,
) -> None:
    """Say what got better or worse from run A to run B, per suite score and per case."""
    from evals.compare import compare_runs, load_run

    try:
        found = compare_runs(load_run(before), load_run(after))
    except CopilotError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(found.model_dump_json(indent=2))
        return
    console.print(f"{found.before} -> {found.after}")
    for change in found.scores:
        if change.verdict == "same":
            continue
        console.print(
            f"  {change.suite}.{change.name}: {change.before} -> {change.after} ({change.verdict})",
            highlight=False,
        )
    for case in found.cases:
        console.print(f"  case {case.suite}/{case.id}: {case.before} -> {case.after}")
    if not any(c.verdict != "same" for c in found.scores) and not found.cases:
        console.print("  no difference")


@app.command("harvest")
def harvest() -> None:
    """Turn compliance reviewers' rejections and edits into candidate eval cases (JSON lines)."""
    from evals.harvest import harvest as harvest_cases

    settings = get_settings()
    try:
        path, new, skipped = harvest_cases(settings)
    except CopilotError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from None
    if path is None:
        console.print(f"No new cases ({skipped} already harvested or in the datasets).")
        return
    console.print(
        f"{new} new candidate cases ({skipped} already known) in {path}\n"
        "Label and check them, then move the accepted ones into evals/datasets/."
    )
