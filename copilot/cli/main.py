"""The ``copilot`` command: wires the sub-commands of each area into one Typer app."""

from __future__ import annotations

import typer

from copilot.cli import (
    ask_cmd,
    batch_cmd,
    book_cmd,
    compliance_cmd,
    eval_cmd,
    init_cmd,
    knowledge_cmd,
    models_cmd,
    serve_cmd,
)

app = typer.Typer(
    help="Advisor copilot for a Nordic SME insurer.", no_args_is_help=True, add_completion=False
)
app.command("init")(init_cmd.init)
app.command("serve")(serve_cmd.serve)
app.add_typer(book_cmd.app, name="book", help="Import, export and inspect the book of business.")
app.add_typer(models_cmd.app, name="models", help="Train and inspect the scoring models.")
app.add_typer(knowledge_cmd.app, name="knowledge", help="Ingest and search the documents.")
app.add_typer(eval_cmd.app, name="eval", help="Run the offline evaluation suites.")
app.add_typer(batch_cmd.app, name="batch", help="Score the whole book into action lists.")
app.add_typer(compliance_cmd.app, name="compliance", help="Run the compliance gate on a text.")
ask_cmd.register(app)
