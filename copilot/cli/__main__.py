"""Run the CLI as ``python -m copilot.cli``."""

from copilot.cli.main import app

app()
