"""The ``copilot ask`` and ``copilot approve`` commands (one copilot turn, and its approval)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add ``ask`` and ``approve`` to the top-level app."""
