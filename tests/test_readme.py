"""The README stays true: every setting and every CSV column is documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.book.csv_format import EXPORTED_TABLES, columns, file_name
from tools.foundation.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_every_setting_is_documented(field: str) -> None:
    assert f"`COPILOT_{field.upper()}`" in README


@pytest.mark.parametrize("model", EXPORTED_TABLES, ids=lambda m: m.__tablename__)
def test_every_csv_column_is_documented(model: type) -> None:
    line = next(row for row in README.splitlines() if row.startswith(f"| `{file_name(model)}`"))
    assert all(f"`{spec.name}`" in line for spec in columns(model))
