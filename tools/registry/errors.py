"""Typed errors of the model registry."""

from __future__ import annotations

from tools.errors import CopilotError


class ModelNotTrained(CopilotError):
    """No trained model of this kind (or version) is stored under the models directory."""

    def __init__(self, kind: str, version: str | None = None) -> None:
        what = f"version {version!r} of the {kind} model" if version else f"a {kind} model"
        super().__init__(
            f"No {what} is stored. Run `copilot models train` (or `copilot init`) first."
        )
        self.kind = kind
        self.version = version
