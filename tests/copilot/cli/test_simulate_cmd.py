"""``copilot simulate --json``: its last line is one JSON object with the measured figures."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from copilot.cli.main import app


def test_simulate_json_ends_with_the_figures() -> None:
    result = CliRunner().invoke(app, ["simulate", "--customers", "200", "--seed", "3", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output.strip().splitlines()[-1])
    for key in ("offers", "conversion_before", "conversion_after", "uplift"):
        assert key in figures
    assert figures["uplift_ci_low"] <= figures["uplift"] <= figures["uplift_ci_high"]
