"""The ``copilot ask`` and ``copilot approve`` commands (one copilot turn, and its approval)."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from tools.foundation.errors import CopilotError
from tools.foundation.settings import get_settings

if TYPE_CHECKING:  # the turn's models pull in the tools; load them only when a turn runs
    from copilot.events import TurnEvent
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
    if result.recipient is not None:
        person = result.recipient
        console.print(
            f"To: {person.first_name} {person.last_name} ({person.role}, {person.id})",
            markup=False,
            highlight=False,
        )
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

    def __call__(self, event: TurnEvent) -> None:
        """Print one streamed event (node progress and notices are shown after the turn)."""
        if event.event == "draft_token":
            if event.attempt != self.attempt:
                self.attempt = event.attempt
                self._mark("the gate found problems; the revised draft follows")
            self.console.print(event.text, end="", markup=False, highlight=False)
        elif event.event == "draft_reset":
            self._mark("the language model stopped; the offline drafter writes the draft")

    def _mark(self, text: str) -> None:
        self.console.print(f"\n[yellow]-- {text} --[/yellow]")


class ChannelOption(enum.StrEnum):
    """Outreach formats a turn can be asked for."""

    email = "email"
    call_script = "call_script"
    portal_message = "portal_message"
    talking_points = "talking_points"


def _identity(advisor: str, customer: str) -> tuple[str, str]:
    """Resolve the names typed at the shell to ids (an ambiguous name is refused)."""
    from tools.book.repository import resolve_advisor, resolve_customer
    from tools.foundation.db import session_scope

    with session_scope(get_settings()) as session:
        found = resolve_advisor(session, advisor)
        return found.id, resolve_customer(session, customer, advisor_id=found.id).id


def ask(
    message: Annotated[str, typer.Argument(help="The advisor's question or request.")],
    advisor: Annotated[str, typer.Option(help="Advisor id or exact name (the one asking).")],
    customer: Annotated[str, typer.Option(help="Customer id or exact name in that book.")],
    channel: Annotated[
        ChannelOption | None, typer.Option(help="Outreach format to draft (default: chosen).")
    ] = None,
    contact: Annotated[
        str | None,
        typer.Option(
            help="Contact id of the person to write to (default: the customer's primary"
            " contact); `copilot book contacts CUSTOMER` lists them."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Run one copilot turn: plan, tools, recommendation, knowledge, draft, compliance."""
    console = Console()
    result: TurnResult | None = None
    try:
        from copilot.events import ResultEvent  # the graph loads only when a turn runs
        from copilot.service import TurnRequest, TurnService

        advisor_id, customer_id = _identity(advisor, customer)
        request = TurnRequest(
            advisor_id=advisor_id,
            customer_id=customer_id,
            message=message,
            channel=channel.value if channel else None,
            contact_id=contact,
        )
        printer = DraftPrinter(console)
        for event in TurnService(get_settings()).stream(request):
            if isinstance(event, ResultEvent):
                result = event.result
            elif not as_json:
                printer(event)
    except CopilotError as error:
        raise _fail(str(error)) from None
    except ValidationError as error:
        raise _fail(_first_error(error)) from None
    assert result is not None  # the stream always ends with the result
    if as_json:
        typer.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False))
        return
    console.print()
    _print_turn(console, result)


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{where}: {first['msg']}"


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
    try:
        from copilot.service import TurnService

        result = TurnService(get_settings(), llm=None).decide(
            approval_id, decision.value, reviewer, reason, edited
        )
    except CopilotError as error:
        raise _fail(str(error)) from None
    if as_json:
        typer.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False))
        return
    where = {
        "in_review": "it waits in the compliance review queue",
        "approved": "sent to the outbox" if result.released else "recorded",
        "edited": "sent to the outbox" if result.released else "recorded",
        "rejected": "nothing is sent",
    }.get(result.status, result.status)
    Console().print(
        f"Recorded: {result.decision} of {result.approval_id} by {result.reviewer}; {where}."
    )
