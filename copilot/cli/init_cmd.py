"""The ``copilot init`` command."""

from __future__ import annotations


def init() -> None:
    """Create or migrate the database and load the demo book."""
