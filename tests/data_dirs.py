"""Copy a prepared data dir for a test that writes (the SQLite book via the backup API)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path


def copy_data_dir(source: Path, target: Path) -> None:
    """Copy a data dir; the SQLite book through the backup API (its WAL may be open)."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("copilot.db*"))
    with (
        sqlite3.connect(source / "copilot.db") as src,
        sqlite3.connect(target / "copilot.db") as dst,
    ):
        src.backup(dst)
