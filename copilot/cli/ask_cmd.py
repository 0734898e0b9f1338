"""The ``copilot ask`` and ``copilot approve`` commands (one copilot turn, and its approval)."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from tools.book.schema import migrate
from tools.foundation.errors import CopilotError
from tools.foundation.settings import get_settings

if TYPE_CHECKING:  # the turn's models pull in the tools; load them only when a turn runs
    from copilot.turn_result import TurnResult

BAD_INPUT = 2
"""Exit code of a request the user can fix (unknown id, not in the book, decided already)."""


class DecisionOption(enum.StrEnum):
    """What the reviewer decides."""

    approve = "approve"
    reject = "reject"
    edit = "edit"


def _fail(message: str) -> typer.Exit:
    Console(stderr=True).print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(BAD_INPUT)


def _print_turn(console: Console, result: TurnResult) -> None:
    """Show a turn for a person: plan, recommendations, why not, findings, approval."""
    plan = result.plan
    console.print(f"[bold]Plan[/bold] {plan.intent} ({plan.source}); products {plan.products}")
    console.print(f"Tools: {', '.join(result.tools_called)}")
    for error in result.tool_errors:
        console.print(f"[yellow]Tool {error.tool} skipped: {error.message}[/yellow]")
    table = Table("rank", "product", "channel", "reasons")
    for rec in result.recommendations:
        table.add_row(str(rec.rank), rec.product, rec.channel or "", "; ".join(rec.reasons))
    if result.recommendations:
        console.print(table)
    for item in result.suppressed:
        console.print(f"Not now: {item.product} ({item.rule}: {item.reason})")
    verdict = "passed" if result.passed else "FAILED"
    console.print(f"Compliance {verdict} ({result.rule_pack}); findings: {len(result.findings)}")
    for finding in result.findings:
        console.print(f"  [{finding.severity}] {finding.rule}: {finding.message}")
    for notice in result.notices:
        console.print(f"[yellow]{notice}[/yellow]")
    console.print(f"LLM: {result.llm.model}{' (fallback)' if result.llm.fallback else ''}")
    console.print(f"Approval id: {result.approval_id}")


class DraftPrinter:
    """Print the draft as it streams; mark where a revision or the offline fallback begins."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.attempt = 1

    def __call__(self, event: dict[str, Any]) -> None:
        """Print one streamed event (node progress is not shown)."""
        if event["event"] == "draft_token":
            if event.get("attempt", 1) != self.attempt:
                self.attempt = event["attempt"]
                self._mark("the gate found problems; the revised draft follows")
            self.console.print(event["text"], end="", markup=False, highlight=False)
        elif event["event"] == "draft_reset":
            self._mark("the language model stopped; the offline drafter writes the draft")

    def _mark(self, text: str) -> None:
        self.console.print(f"\n[yellow]-- {text} --[/yellow]")


def ask(
    message: Annotated[str, typer.Argument(help="The advisor's question or request.")],
    advisor: Annotated[str, typer.Option(help="Advisor id or exact name (the one asking).")],
    customer: Annotated[str, typer.Option(help="Customer id or exact name in that book.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Run one copilot turn: plan, tools, knowledge, recommendation, draft, compliance."""
    settings = get_settings()
    console = Console()
    result: TurnResult | None = None
    try:
        migrate(settings)
        printer = DraftPrinter(console)
        from copilot.turn import stream_turn  # the graph loads only when a turn runs

        for event in stream_turn(settings, advisor, customer, message):
            if event["event"] == "result":
                result = event["result"]
            elif not as_json:
                printer(event)
    except CopilotError as error:
        raise _fail(str(error)) from None
    assert result is not None  # the stream always ends with the result
    if as_json:
        typer.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False))
        return
    console.print()
    _print_turn(console, result)


def _read_text(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise _fail(f"cannot read {path}: {error}") from None


def approve(
    approval_id: Annotated[str, typer.Argument(help="Approval id printed by `copilot ask`.")],
    decision: Annotated[DecisionOption, typer.Option(help="approve, reject or edit.")],
    reviewer: Annotated[str, typer.Option(help="Who decides (recorded).")],
    reason: Annotated[str, typer.Option(help="Why (recorded).")],
    text: Annotated[
        Path | None, typer.Option(help="File with the edited message (--decision edit).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Decide on a draft waiting for approval (from any process, any time later)."""
    edited = _read_text(text)
    if decision is DecisionOption.edit and edited is None:
        raise _fail("--decision edit needs --text FILE with the edited message.")
    settings = get_settings()
    try:
        migrate(settings)
        from copilot.turn import resume_turn

        result = resume_turn(settings, approval_id, decision.value, reviewer, reason, edited)
    except CopilotError as error:
        raise _fail(str(error)) from None
    if as_json:
        typer.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False))
        return
    Console().print(f"Recorded: {result.decision} of {result.approval_id} by {result.reviewer}.")


def register(app: typer.Typer) -> None:
    """Add ``ask`` and ``approve`` to the top-level app."""
    app.command("ask")(ask)
    app.command("approve")(approve)
