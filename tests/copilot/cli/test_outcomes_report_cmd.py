"""``copilot outcomes import`` and ``copilot report conversion`` on a private book."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from typer.testing import CliRunner

from copilot.cli.main import app
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings
from tools.learning.offers import OfferCreate, record_offer

runner = CliRunner()


def _offer(settings: Settings) -> int:
    with session_scope(settings) as session:
        created = OfferCreate(
            customer_id="S000001",
            advisor_id="ADV-001",
            product_code="CYBER",
            channel="email",
            trigger_type="growth",
            presented_at=datetime(2026, 11, 22, 10, 0),
            model_version="propensity-v1",
            rule_pack_id="nordic-se",
            rule_pack_version="2026.12.1",
            arm="champion",
        )
        return record_offer(session, created).id


def test_an_outcomes_file_imports_once(cli_env: Settings, tmp_path: Path) -> None:
    offer_id = _offer(cli_env)
    path = tmp_path / "outcomes.csv"
    path.write_text(f"offer_id,outcome,occurred_at\n{offer_id},accepted,2026-11-25T09:00:00\n")

    first = runner.invoke(app, ["outcomes", "import", str(path)])
    again = runner.invoke(app, ["outcomes", "import", str(path)])

    assert first.exit_code == 0, first.output
    assert "Imported 1 outcomes from 1 rows (0 already stored)" in first.output
    assert "Imported 0 outcomes from 1 rows (1 already stored)" in again.output


def test_a_bad_outcomes_file_exits_2_naming_the_row(cli_env: Settings, tmp_path: Path) -> None:
    path = tmp_path / "outcomes.csv"
    path.write_text("offer_id,outcome,occurred_at\n999,bought,2026-11-25T09:00:00\n")

    result = runner.invoke(app, ["outcomes", "import", str(path)])

    assert result.exit_code == 2
    assert "row 2, column 'offer_id'" in result.output and "'bought'" in result.output


def test_the_conversion_report_prints_json(cli_env: Settings, tmp_path: Path) -> None:
    offer_id = _offer(cli_env)
    path = tmp_path / "outcomes.csv"
    path.write_text(f"offer_id,outcome,occurred_at\n{offer_id},accepted,2026-11-25T09:00:00\n")
    runner.invoke(app, ["outcomes", "import", str(path)])

    result = runner.invoke(app, ["report", "conversion", "--by", "product,arm", "--json"])
    unknown = runner.invoke(app, ["report", "conversion", "--by", "colour"])

    assert result.exit_code == 0, result.output
    report = json.loads(result.output.strip().splitlines()[-1])
    assert report["rows"][0]["group"] == {"product": "CYBER", "arm": "champion"}
    assert report["total"]["conversions"] == 1
    assert unknown.exit_code == 2
