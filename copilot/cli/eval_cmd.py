"""The ``copilot eval`` sub-commands: run an offline evaluation suite by name.

Suites live in ``evals/<suite>/`` and are registered in ``SUITES`` as ``"module:function"``.
The function takes ``(settings, **options)`` and returns a report with ``passed`` and
``summary_lines()``; the run exits non-zero when a threshold fails.
"""

from __future__ import annotations

import importlib
from typing import Annotated, Any, Protocol

import typer
from rich.console import Console

from tools.foundation.errors import CopilotError
from tools.foundation.settings import Settings, get_settings

app = typer.Typer(no_args_is_help=True)
console = Console()

SUITES: dict[str, str] = {
    "retrieval": "evals.retrieval:run",
    "compliance": "evals.compliance:run",
}
"""Suite name -> ``module:function`` that runs it (add new suites here)."""


class SuiteReport(Protocol):
    """What every suite's run function returns."""

    @property
    def passed(self) -> bool:
        """Return whether every threshold was met."""
        ...

    report_path: str | None

    def summary_lines(self) -> list[str]:
        """Return the human summary to print."""
        ...


def load_suite(name: str) -> Any:
    """Return the run function of a registered suite.

    Raises:
        typer.Exit: the suite is not registered (after saying which suites are).
    """
    if name not in SUITES:
        console.print(f"[red]Unknown suite {name!r}; known suites: {', '.join(SUITES)}.[/red]")
        raise typer.Exit(2)
    module_name, function_name = SUITES[name].split(":")
    return getattr(importlib.import_module(module_name), function_name)


@app.command("run")
def run(
    suite: Annotated[str, typer.Argument(help=f"Suite to run: {', '.join(SUITES)}.")],
    mode: Annotated[
        str | None, typer.Option(help="retrieval only: search mode, hybrid or dense.")
    ] = None,
) -> None:
    """Run one evaluation suite, print its figures, write its JSON report."""
    runner = load_suite(suite)
    settings: Settings = get_settings()
    options = {"mode": mode} if mode else {}
    try:
        report: SuiteReport = runner(settings, **options)
    except CopilotError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from None
    for line in report.summary_lines():
        console.print(line, highlight=False)
    if report.report_path:
        console.print(f"report: {report.report_path}")
    if not report.passed:
        raise typer.Exit(1)
