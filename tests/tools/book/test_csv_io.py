from __future__ import annotations

import csv
import filecmp
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from tools.book.csv_io import export_book, import_book
from tools.book.schema import migrate
from tools.book.stats import table_counts
from tools.foundation.db import session_factory
from tools.foundation.errors import BookImportError
from tools.foundation.settings import Settings

Book = Callable[[int], tuple[Settings, Session]]


@pytest.fixture
def exported(fresh_book: Book, tmp_path: Path) -> Path:
    _, session = fresh_book(60)
    export_book(session, tmp_path / "csv")
    return tmp_path / "csv"


@pytest.fixture
def empty_db(tmp_path: Path) -> Session:
    settings = Settings(data_dir=tmp_path / "empty")
    migrate(settings)
    return session_factory(settings)()


def _edit(folder: Path, file: str, row: int, column: str, value: str) -> None:
    path = folder / file
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows[row - 2][column] = value
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_round_trip_reproduces_the_files(exported: Path, empty_db: Session, tmp_path: Path) -> None:
    import_book(empty_db, exported)
    export_book(empty_db, tmp_path / "again")
    names = sorted(p.name for p in exported.iterdir())
    _, mismatch, errors = filecmp.cmpfiles(exported, tmp_path / "again", names, shallow=False)
    assert mismatch == [] and errors == []


def test_reimport_changes_nothing(exported: Path, empty_db: Session) -> None:
    import_book(empty_db, exported)
    before = table_counts(empty_db)
    import_book(empty_db, exported)
    assert table_counts(empty_db) == before


@pytest.mark.parametrize(
    ("file", "column", "value", "reason"),
    [
        ("policies.csv", "product_code", "SPACESHIP", "unknown product code 'SPACESHIP'"),
        ("policies.csv", "annual_premium_eur", "-5", "must not be negative"),
        ("claims.csv", "claim_date", "31/02/2025", "bad date '31/02/2025'"),
        ("policies.csv", "customer_id", "C9999999", "unknown reference 'C9999999'"),
        ("customers.csv", "country", "DE", "unknown country 'DE'"),
    ],
)
def test_a_bad_row_rejects_the_whole_import(
    exported: Path, empty_db: Session, file: str, column: str, value: str, reason: str
) -> None:
    _edit(exported, file, 3, column, value)
    with pytest.raises(BookImportError) as caught:
        import_book(empty_db, exported)
    assert (file, 3, column) == caught.value.problems[0][:3]
    assert reason in str(caught.value)
    assert sum(table_counts(empty_db).values()) == 0


def test_a_missing_column_is_reported_on_the_header(exported: Path, empty_db: Session) -> None:
    path = exported / "claims.csv"
    lines = path.read_text().splitlines()
    lines[0] = lines[0].replace("amount_eur", "amount")
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(BookImportError) as caught:
        import_book(empty_db, exported)
    assert (
        "claims.csv",
        1,
        "amount_eur",
        "column missing from the header",
    ) in caught.value.problems


def test_a_folder_without_customers_is_rejected(tmp_path: Path, empty_db: Session) -> None:
    with pytest.raises(BookImportError, match="customers.csv"):
        import_book(empty_db, tmp_path)
