"""The ``copilot`` command: one Typer app whose sub-commands load only when they run.

``copilot --help`` lists every command from the table below without importing any of them,
so the shell answers at once; a sub-command imports its own module (and the tools, models or
graph it needs) when it is invoked.
"""

from __future__ import annotations

import importlib
from typing import Any

import typer
import typer.core
import typer.main
from typer import _click as click  # typer ships its own click; its types are these

COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": ("copilot.cli.init_cmd", "init", "Create or migrate the database, load the book, "
             "train models, ingest documents, run the batch."),
    "serve": ("copilot.cli.serve_cmd", "serve", "Start the HTTP API and print its URL."),
    "ask": ("copilot.cli.ask_cmd", "ask", "Run one copilot turn: plan, tools, recommendation, "
            "knowledge, draft, compliance."),
    "approve": ("copilot.cli.ask_cmd", "approve", "Decide on a draft waiting for approval."),
    "book": ("copilot.cli.book_cmd", "app", "Import, export and inspect the book of business."),
    "models": ("copilot.cli.models_cmd", "app", "Train and inspect the scoring models."),
    "knowledge": ("copilot.cli.knowledge_cmd", "app", "Ingest and search the documents."),
    "eval": ("copilot.cli.eval_cmd", "app", "Run the offline evaluation suites."),
    "batch": ("copilot.cli.batch_cmd", "app", "Score the whole book into action lists."),
    "compliance": ("copilot.cli.compliance_cmd", "app", "Run the compliance gate on texts."),
    "users": ("copilot.cli.users_cmd", "app", "Add, list and revoke users and their tokens."),
    "audit": ("copilot.cli.audit_cmd", "app", "Verify and export the hash-chained audit log."),
    "outcomes": ("copilot.cli.outcomes_cmd", "app", "Import offers' outcomes; mark no response."),
    "report": ("copilot.cli.report_cmd", "app", "Conversion by product, trigger, version, arm."),
    "simulate": ("copilot.cli.simulate_cmd", "simulate", "Play the learning loop on a "
                 "generated book and measure it."),
}  # fmt: skip
"""Command name -> (module, attribute: a Typer app or a command function, one-line help)."""


def load_command(name: str) -> click.Command:
    """Import a sub-command's module and return it as a click command named ``name``."""
    module_name, attribute, short = COMMANDS[name]
    target: Any = getattr(importlib.import_module(module_name), attribute)
    command: click.Command
    if isinstance(target, typer.Typer):
        command = typer.main.get_group(target)  # a group even with one sub-command
    else:
        single = typer.Typer(add_completion=False)
        single.command(name)(target)
        command = typer.main.get_command(single)
    command.name, command.short_help = name, short
    return command


class LazyGroup(typer.core.TyperGroup):
    """A command group that lists its commands from ``COMMANDS`` and imports one on use."""

    listing = False
    """True while the group's own help is written: commands are then described, not loaded."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Return the command names in the table's order."""
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Return the command, importing its module now (None for an unknown name)."""
        if cmd_name not in COMMANDS:
            return None
        if self.listing:
            short = COMMANDS[cmd_name][2]
            return typer.core.TyperCommand(cmd_name, help=short, short_help=short)
        return load_command(cmd_name)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Write the group's help from the table, importing no sub-command."""
        self.listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self.listing = False


app = typer.Typer(
    cls=LazyGroup,
    help="Advisor copilot for a Nordic SME insurer.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def main() -> None:
    """Advisor copilot for a Nordic SME insurer."""
