"""contacts.csv: exported and imported with the book, validated like every other file."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tools.book.csv_io import export_book, import_book
from tools.book.models import Contact
from tools.book.schema import migrate
from tools.book.stats import table_counts
from tools.foundation.db import session_factory
from tools.foundation.errors import BookImportError
from tools.foundation.settings import Settings

Book = Callable[[int], tuple[Settings, Session]]
FILE = "contacts.csv"


@pytest.fixture
def exported(fresh_book: Book, tmp_path: Path) -> Path:
    _, session = fresh_book(30)
    export_book(session, tmp_path / "csv")
    return tmp_path / "csv"


@pytest.fixture
def empty_db(tmp_path: Path) -> Session:
    settings = Settings(data_dir=tmp_path / "empty")
    migrate(settings)
    return session_factory(settings)()


def _rows(folder: Path) -> list[dict[str, str]]:
    with (folder / FILE).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _write(folder: Path, rows: list[dict[str, str]]) -> None:
    with (folder / FILE).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _edit(folder: Path, contact_id: str, **values: str) -> int:
    """Change cells of one contact's row; return its line number in the file."""
    rows = _rows(folder)
    index = next(i for i, row in enumerate(rows) if row["id"] == contact_id)
    rows[index].update(values)
    _write(folder, rows)
    return index + 2


def _contacts(session: Session) -> list[tuple[object, ...]]:
    rows = session.scalars(select(Contact).order_by(Contact.id))
    return [tuple(getattr(c, col.name) for col in Contact.__table__.columns) for c in rows]


def test_contacts_are_exported_with_a_header_and_every_person(exported: Path) -> None:
    rows = _rows(exported)

    assert rows[0]["id"] == "S000001-1" and rows[0]["first_name"] == "Sarah"
    assert rows[0]["is_primary"] == "true" and rows[0]["consent_email"] == "true"
    assert {row["consent_portal"] for row in rows} >= {"true", ""}


def test_importing_twice_gives_the_same_contacts(exported: Path, empty_db: Session) -> None:
    import_book(empty_db, exported)
    first = _contacts(empty_db)
    import_book(empty_db, exported)

    assert _contacts(empty_db) == first and len(first) == len(_rows(exported))


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("role", "janitor", "unknown value 'janitor'; expected one of owner, ceo"),
        ("language", "de", "unknown value 'de'"),
        ("email", "sarah at nordicit", "not an e-mail address: 'sarah at nordicit'"),
        ("phone", "call me", "not a phone number: 'call me'"),
        ("consent_phone", "maybe", "expected true or false, got 'maybe'"),
        ("customer_id", "C9999999", "unknown reference 'C9999999'"),
        ("first_name", "", "value required"),
    ],
)
def test_a_bad_contact_row_rejects_the_whole_import(
    exported: Path, empty_db: Session, column: str, value: str, reason: str
) -> None:
    line = _edit(exported, "S000001-2", **{column: value})

    with pytest.raises(BookImportError) as caught:
        import_book(empty_db, exported)

    assert (FILE, line, column) in [p[:3] for p in caught.value.problems]
    assert reason in str(caught.value)
    assert sum(table_counts(empty_db).values()) == 0


def test_two_primary_contacts_of_one_customer_are_refused(
    exported: Path, empty_db: Session
) -> None:
    _edit(exported, "S000001-3", is_primary="true")

    with pytest.raises(BookImportError, match="'S000001' has 2 primary contacts"):
        import_book(empty_db, exported)
    assert sum(table_counts(empty_db).values()) == 0


def test_a_customer_without_a_primary_contact_is_refused(exported: Path, empty_db: Session) -> None:
    line = _edit(exported, "S000001-1", is_primary="false")

    with pytest.raises(BookImportError) as caught:
        import_book(empty_db, exported)

    assert (FILE, line, "is_primary") in [p[:3] for p in caught.value.problems]
    assert "'S000001' has no primary contact; mark exactly one" in str(caught.value)


def test_the_check_counts_the_contacts_already_in_the_book(
    exported: Path, empty_db: Session
) -> None:
    import_book(empty_db, exported)
    rows = [row for row in _rows(exported) if row["id"] == "S000001-2"]
    rows[0]["is_primary"] = "true"  # Sarah stays primary in the database
    _write(exported, rows)

    with pytest.raises(BookImportError, match="2 primary contacts"):
        import_book(empty_db, exported)
    assert empty_db.get(Contact, "S000001-2").is_primary is False  # type: ignore[union-attr]


def test_the_primary_contact_can_move_to_another_person(exported: Path, empty_db: Session) -> None:
    import_book(empty_db, exported)
    _edit(exported, "S000001-1", is_primary="false")
    _edit(exported, "S000001-2", is_primary="true")

    import_book(empty_db, exported)

    primary = empty_db.scalars(
        select(Contact.id).where(Contact.customer_id == "S000001", Contact.is_primary)
    ).all()
    assert primary == ["S000001-2"]
