"""Every graph test runs with the trained models of the session's template book."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _trained_models(models_env: None) -> None:
    """Use the template's models (see ``models_env``)."""
