from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from copilot.cli.main import app
from tools.foundation.settings import Settings

runner = CliRunner(env={"COLUMNS": "200"})


def test_init_twice_keeps_the_book(settings: Settings) -> None:
    first = runner.invoke(
        app, ["init", "--customers", "60", "--as-of", "2026-11-22", "--book-only"]
    )
    second = runner.invoke(
        app, ["init", "--customers", "60", "--as-of", "2026-11-22", "--book-only"]
    )
    assert first.exit_code == 0, first.output
    assert "Generated book: 60 customers" in first.output
    assert "Kept the loaded book: 60 customers" in second.output


def test_init_rejects_a_bad_date(settings: Settings) -> None:
    result = runner.invoke(
        app, ["init", "--customers", "60", "--as-of", "22/11/2026", "--book-only"]
    )
    assert result.exit_code == 2
    assert "Invalid --as-of" in result.output


def test_stats_shows_the_seed_customers(settings: Settings) -> None:
    runner.invoke(app, ["init", "--customers", "60", "--as-of", "2026-11-22", "--book-only"])
    result = runner.invoke(app, ["book", "stats"])
    assert result.exit_code == 0
    for name in ("Nordic IT Solutions AB", "Oslo Consulting AS", "Bergen Tech AS"):
        assert name in result.output
    assert "PI EUR 3,000" in result.output


def test_a_bad_import_exits_with_the_reason(settings: Settings, tmp_path: Path) -> None:
    runner.invoke(app, ["init", "--customers", "60", "--as-of", "2026-11-22", "--book-only"])
    runner.invoke(app, ["book", "export", str(tmp_path / "csv")])
    claims = tmp_path / "csv" / "customers.csv"
    claims.write_text(claims.read_text().replace(",SE,", ",XX,", 1))
    result = runner.invoke(app, ["book", "import", str(tmp_path / "csv")])
    assert result.exit_code == 2
    assert "unknown country 'XX'" in result.output


@pytest.mark.slow
def test_full_init_trains_and_ingests_once(settings: Settings) -> None:
    first = runner.invoke(app, ["init", "--customers", "60", "--as-of", "2026-11-22"])
    second = runner.invoke(app, ["init", "--customers", "60", "--as-of", "2026-11-22"])
    assert first.exit_code == 0, first.output
    assert "Trained on 65 customers" in first.output
    added = re.search(r"added (\d+),", first.output)
    assert added is not None and int(added.group(1)) >= 150  # advisor docs and customer sheets
    assert "Kept the trained models" in second.output
    assert "added 0, replaced 0, removed 0" in second.output


@pytest.mark.slow
def test_init_trains_again_when_a_stored_model_cannot_be_read(settings: Settings) -> None:
    runner.invoke(app, ["init", "--customers", "60", "--as-of", "2026-11-22"])
    current = settings.models_dir / "propensity" / "current"
    version = current.read_text(encoding="utf-8").strip()
    (settings.models_dir / "propensity" / version / "model.joblib").write_bytes(b"old format")
    again = runner.invoke(app, ["init", "--customers", "60", "--as-of", "2026-11-22"])
    assert again.exit_code == 0, again.output
    assert "cannot be read" in again.output
    assert "Trained on 65 customers" in again.output
    assert current.read_text(encoding="utf-8").strip() != version
