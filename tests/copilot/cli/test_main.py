"""The top-level command lists every sub-command without importing any (fast start-up)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from copilot.cli.main import COMMANDS, app, load_command

PROBE = (
    "import json, sys\n"
    "from typer.testing import CliRunner\n"
    "from copilot.cli.main import app\n"
    "result = CliRunner().invoke(app, ['--help'])\n"
    "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
    "('chromadb', 'sklearn', 'langgraph', 'pandas', 'sqlalchemy') or m.endswith('_cmd'))\n"
    "print(json.dumps({'code': result.exit_code, 'heavy': heavy, 'out': result.output}))\n"
)


def test_help_imports_no_sub_command_and_no_heavy_library() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    report = json.loads(done.stdout)

    assert report["code"] == 0
    assert report["heavy"] == []
    assert all(name in report["out"] for name in COMMANDS)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_listed_command_loads(name: str) -> None:
    assert load_command(name).name == name
    result = CliRunner().invoke(app, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_an_unknown_command_is_refused() -> None:
    result = CliRunner().invoke(app, ["nosuch"])

    assert result.exit_code == 2


@pytest.mark.parametrize(
    "words", [["eval", "run"], ["book", "stats"], ["models", "list"], ["compliance", "check"]]
)
def test_sub_commands_of_a_group_stay_reachable(words: list[str]) -> None:
    result = CliRunner().invoke(app, [*words, "--help"])

    assert result.exit_code == 0, result.output
