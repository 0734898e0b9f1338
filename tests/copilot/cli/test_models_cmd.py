"""``copilot models train --challenger`` and ``copilot models challenger`` on a private copy."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from copilot.cli.main import app
from tools.foundation.settings import Settings
from tools.registry import challenger_version, current_version

runner = CliRunner()
pytestmark = pytest.mark.slow


def test_a_challenger_is_trained_beside_the_current_version_and_cleared(
    cli_env: Settings,
) -> None:
    current = current_version("propensity", cli_env.models_dir)
    assert "Challenger: none" in runner.invoke(app, ["models", "challenger"]).output

    trained = runner.invoke(app, ["models", "train", "--challenger"])

    assert trained.exit_code == 0, trained.output
    challenger = challenger_version("propensity", cli_env.models_dir)
    assert challenger is not None and challenger != current
    assert f"{challenger}" in trained.output and "(challenger)" in trained.output
    assert current_version("propensity", cli_env.models_dir) == current
    shown = runner.invoke(app, ["models", "challenger"])
    assert f"Challenger: {challenger}" in shown.output and "challenger arm" in shown.output
    cleared = runner.invoke(app, ["models", "challenger", "--clear"])
    assert cleared.exit_code == 0 and challenger_version("propensity", cli_env.models_dir) is None


def test_an_unknown_challenger_version_is_refused_with_a_message(cli_env: Settings) -> None:
    result = runner.invoke(app, ["models", "challenger", "propensity-no-such-version"])

    assert result.exit_code == 1
    assert "propensity-no-such-version" in result.output and "copilot models train" in result.output
    assert challenger_version("propensity", cli_env.models_dir) is None
