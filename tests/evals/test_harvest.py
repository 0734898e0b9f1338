"""Reviewers' rejections and edits become candidate cases, once, for a person to accept."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from copilot.cli.main import app as cli
from copilot.service import TurnService
from evals.harvest import harvest
from tests.api.conftest import api_settings_for, make_tokens
from tests.data_dirs import copy_data_dir

FIRST_CONTACT = "S000002"


def _reviewed(template_data_dir: Path, target: Path) -> tuple[Path, str]:
    """Draft, approve with an edit, and have compliance reject it, over HTTP."""
    copy_data_dir(template_data_dir, target)
    settings = api_settings_for(target)
    with TestClient(create_app(settings)) as client:
        tokens = make_tokens(settings)
        turn = client.post(
            f"/api/customers/{FIRST_CONTACT}/turns",
            json={"message": "Draft an email"},
            headers=tokens.header("advisor"),
        ).json()
        greeting = next(
            line for line in turn["draft"]["text"].splitlines() if line.startswith("Hei")
        )
        edited = turn["draft"]["text"].replace(greeting, "Hyvä Pekka,", 1)
        client.post(
            f"/api/turns/{turn['approval_id']}/decision",
            json={"decision": "edit", "text": edited, "reason": "warmer"},
            headers=tokens.header("advisor"),
        )
        decided = client.post(
            f"/api/review-queue/{turn['approval_id']}/decision",
            json={"decision": "reject", "reason_code": "misleading", "comment": "too pushy"},
            headers=tokens.header("compliance"),
        )
        assert decided.status_code == 200, decided.text
    return target, turn["approval_id"]


def test_a_rejection_becomes_candidates_once(template_data_dir: Path, tmp_path: Path) -> None:
    data_dir, approval_id = _reviewed(template_data_dir, tmp_path / "data")
    settings = api_settings_for(data_dir)
    service = TurnService(settings, llm=None)

    path, new, _ = harvest(settings, service)
    again, repeated, skipped = harvest(settings, service)

    assert path is not None and new == 3
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    block = next(r for r in rows if r["id"] == f"harvest-{approval_id}-block")
    assert block["expected"] == "block" and block["reason_code"] == "misleading"
    assert block["comment"] == "too pushy" and "claims.absolute" in block["suggested_rules"]
    assert "Hyvä Pekka" in block["text"] and block["needs_review"] is True
    edit = next(r for r in rows if r["id"] == f"harvest-{approval_id}-edit")
    assert edit["suite"] == "drafts" and "Hyvä Pekka" in edit["reference"]
    assert again is None and repeated == 0 and skipped == 3


def test_the_harvest_command_says_where_the_cases_are(
    template_data_dir: Path, tmp_path: Path
) -> None:
    data_dir, _ = _reviewed(template_data_dir, tmp_path / "data")
    runner = CliRunner(env={"COPILOT_DATA_DIR": str(data_dir), "COLUMNS": "200"})

    first = runner.invoke(cli, ["eval", "harvest"])
    second = runner.invoke(cli, ["eval", "harvest"])

    assert first.exit_code == 0 and "3 new candidate cases" in first.output, first.output
    assert second.exit_code == 0 and "No new cases" in second.output
