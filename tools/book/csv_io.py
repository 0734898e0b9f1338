"""Import and export a whole book as CSV files; an import validates everything, then writes once."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from tools.book.csv_format import (
    EXPORTED_TABLES,
    CellError,
    columns,
    domain_problem,
    file_name,
    format_cell,
    table_of,
)
from tools.book.models import Advisor, Base, Contact, Customer
from tools.foundation.errors import BookImportError

Problem = tuple[str, int, str, str]
REFERENCES = {"customer_id": Customer, "advisor_id": Advisor}


def export_book(session: Session, folder: Path) -> dict[str, int]:
    """Write one CSV file per table into ``folder``; return the row count per file."""
    folder.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for model in EXPORTED_TABLES:
        specs = columns(model)
        rows = session.execute(select(*[table_of(model).c[s.name] for s in specs]))
        with (folder / file_name(model)).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow([s.name for s in specs])
            count = 0
            for row in rows:
                writer.writerow([format_cell(v) for v in row])
                count += 1
        counts[file_name(model)] = count
    return counts


def _read_table(path: Path, model: type[Base], problems: list[Problem]) -> list[dict[str, Any]]:
    specs = columns(model)
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [s.name for s in specs if s.name not in header]
        extra = [name for name in header if name not in {s.name for s in specs}]
        for name in missing:
            problems.append((path.name, 1, name, "column missing from the header"))
        for name in extra:
            problems.append((path.name, 1, name, "unknown column"))
        if missing or extra:
            return []
        return [
            _read_row(path.name, model, specs, n, raw, problems)
            for n, raw in enumerate(reader, start=2)
        ]


def _read_row(
    name: str,
    model: type[Base],
    specs: list[Any],
    line: int,
    raw: dict[str, str],
    problems: list[Problem],
) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for spec in specs:
        text = (raw.get(spec.name) or "").strip()
        if not text:
            if spec.required:
                problems.append((name, line, spec.name, "value required"))
            row[spec.name] = None if spec.nullable or spec.parse is not str else ""
            continue
        try:
            row[spec.name] = spec.parse(text)
        except CellError as error:
            problems.append((name, line, spec.name, str(error)))
            continue
        why = domain_problem(model.__tablename__, spec.name, row[spec.name])
        if why:
            problems.append((name, line, spec.name, why))
    return row


def _check_references(
    session: Session, tables: dict[type[Base], list[dict[str, Any]]], problems: list[Problem]
) -> None:
    known = {
        column: {r["id"] for r in tables.get(model, [])}
        | set(session.scalars(select(table_of(model).c.id)))
        for column, model in REFERENCES.items()
    }
    for model, rows in tables.items():
        for line, row in enumerate(rows, start=2):
            for column, ids in known.items():
                value = row.get(column)
                if column in row and value is not None and value not in ids:
                    problems.append(
                        (file_name(model), line, column, f"unknown reference {value!r}")
                    )


def _check_duplicates(
    tables: dict[type[Base], list[dict[str, Any]]], problems: list[Problem]
) -> None:
    for model, rows in tables.items():
        key = next(iter(table_of(model).primary_key.columns)).name
        seen: set[Any] = set()
        for line, row in enumerate(rows, start=2):
            if row.get(key) in seen:
                problems.append((file_name(model), line, key, f"duplicate {key} {row[key]!r}"))
            seen.add(row.get(key))


def _check_primary_contacts(
    session: Session, rows: list[dict[str, Any]], problems: list[Problem]
) -> None:
    """Check that each customer the import gives contacts has exactly one primary contact.

    The check is on the book as it will be: the database's contacts with the imported rows
    laid over them by id.
    """
    if not rows:
        return
    final = {
        cid: (customer, bool(primary))
        for cid, customer, primary in session.execute(
            select(Contact.id, Contact.customer_id, Contact.is_primary)
        )
    }
    lines: dict[str, list[int]] = {}
    for line, row in enumerate(rows, start=2):
        customer = str(row.get("customer_id"))  # a cell that failed to parse is absent
        final[str(row.get("id"))] = (customer, bool(row.get("is_primary")))
        lines.setdefault(customer, []).append(line)
    primaries: dict[str, int] = {}
    for customer, primary in final.values():
        primaries[customer] = primaries.get(customer, 0) + int(primary)
    name = file_name(Contact)
    for customer, at in lines.items():
        count = primaries.get(customer, 0)
        if count != 1:
            why = "no primary contact" if count == 0 else f"{count} primary contacts"
            problems.append(
                (name, at[0], "is_primary", f"customer {customer!r} has {why}; mark exactly one")
            )


def _upsert(session: Session, model: type[Base], rows: list[dict[str, Any]]) -> None:
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    table = table_of(model)
    keys = [c.name for c in table.primary_key.columns]
    statement = dialect.insert(table)
    updates = {c.name: statement.excluded[c.name] for c in table.columns if c.name not in keys}
    session.execute(statement.on_conflict_do_update(index_elements=keys, set_=updates), rows)


def _upsert_contacts(session: Session, rows: list[dict[str, Any]]) -> None:
    """Upsert contacts in file order, then mark the primary ones.

    A primary contact may move from one person to another; at most one primary per
    customer holds at every step (the partial unique index), so nobody is primary while the
    rows are written and the primaries are set after.
    """
    if not rows:
        return
    _upsert(session, Contact, [{**row, "is_primary": False} for row in rows])
    primary = [{"contact_id": row["id"]} for row in rows if row.get("is_primary")]
    if primary:
        table = table_of(Contact)
        mark = update(table).where(table.c.id == bindparam("contact_id"))
        session.execute(mark.values(is_primary=True), primary)


def import_book(session: Session, folder: Path) -> dict[str, int]:
    """Validate every row of every CSV in ``folder``, then upsert them all in one transaction.

    Re-importing the same files changes nothing (rows are upserted by primary key).

    Raises:
        BookImportError: any bad row; the database is left unchanged.
    """
    if not (folder / file_name(Customer)).exists():
        raise BookImportError([(file_name(Customer), 0, "-", f"file not found in {folder}")])
    problems: list[Problem] = []
    tables = {
        model: _read_table(folder / file_name(model), model, problems)
        for model in EXPORTED_TABLES
        if (folder / file_name(model)).exists()
    }
    _check_duplicates(tables, problems)
    _check_references(session, tables, problems)
    _check_primary_contacts(session, tables.get(Contact, []), problems)
    if problems:
        raise BookImportError(problems)
    try:
        for model, rows in tables.items():
            if model is Contact:
                _upsert_contacts(session, rows)
            elif rows:
                _upsert(session, model, rows)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return {file_name(model): len(rows) for model, rows in tables.items()}
