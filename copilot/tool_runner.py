"""Run one deterministic tool for a turn: time it, and record an expected error typed.

Expected errors (``CopilotError``: not eligible, model not trained, ...) become a
``ToolError`` and the turn goes on without that output; anything else propagates.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from copilot.turn_facts import ToolError
from tools.foundation.errors import CopilotError

OutputT = TypeVar("OutputT")


@dataclass
class ToolRunner:
    """Runs tools one after another and keeps what the turn's state records of them."""

    called: list[str] = field(default_factory=list)
    """Names of the tools run, in order."""
    errors: list[ToolError] = field(default_factory=list)
    """Expected errors, typed."""
    seconds: float = 0.0
    """Wall time spent inside the tools."""

    def run(self, name: str, tool: Callable[[], OutputT]) -> OutputT | None:
        """Run a bound tool; return its output, or None after an expected error."""
        start = time.perf_counter()
        try:
            return tool()
        except CopilotError as error:
            typed = ToolError(tool=name, error_type=type(error).__name__, message=str(error))
            self.errors.append(typed)
            return None
        finally:
            self.seconds += time.perf_counter() - start
            self.called.append(name)

    def timed(self, work: Callable[[], OutputT]) -> OutputT:
        """Run work the tools stand on (reading the snapshot, scoring) inside the tool time."""
        start = time.perf_counter()
        try:
            return work()
        finally:
            self.seconds += time.perf_counter() - start
