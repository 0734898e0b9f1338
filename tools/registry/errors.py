"""Typed errors of the model registry."""

from __future__ import annotations

from tools.foundation.errors import Unavailable


class ModelNotTrained(Unavailable):
    """No trained model of this kind (or version) is stored under the models directory."""

    def __init__(self, kind: str, version: str | None = None) -> None:
        what = f"version {version!r} of the {kind} model" if version else f"a {kind} model"
        super().__init__(
            f"No {what} is stored. Run `copilot models train` (or `copilot init`) first."
        )
        self.kind = kind
        self.version = version


class ModelArtifactUnreadable(ModelNotTrained):
    """A stored model version this code cannot read (an older release's, or damaged).

    The remedy is the same as for a missing model, so it is one: train again.
    """

    def __init__(self, kind: str, version: str, cause: Exception) -> None:
        super().__init__(kind, version)
        self.args = (
            f"The stored {kind} model {version!r} cannot be read by this version of the code "
            f"({type(cause).__name__}: {cause}). Run `copilot models train` to train it again.",
        )
