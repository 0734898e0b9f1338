"""Import outcomes from the policy system's CSV: validated, idempotent, in one transaction.

The file has a header with ``offer_id``, ``outcome`` and ``occurred_at`` (ISO 8601; a time
with an offset is converted to UTC); other columns are ignored. Every row is checked before
anything is written: one bad row rejects the file with every problem listed by row and column.
Rows already stored (same offer, outcome and moment) are counted, not written again, so
importing the same file twice changes nothing.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from tools.foundation.errors import BookImportError
from tools.learning.models import PresentedOffer
from tools.learning.outcomes import OUTCOMES, OutcomeCreate, record_outcome

COLUMNS = ("offer_id", "outcome", "occurred_at")
"""The columns an outcomes file must have."""


class OutcomeImport(BaseModel):
    """What an import did."""

    rows: int = Field(description="Data rows read.")
    created: int = Field(description="Outcomes stored by this import.")
    already_stored: int = Field(description="Rows that were stored before (idempotent re-run).")


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _read_row(
    line: int,
    row: dict[str, str],
    presented: dict[int, datetime],
    problems: list[tuple[str, int, str, str]],
    name: str,
) -> OutcomeCreate | None:
    found: list[tuple[str, int, str, str]] = []
    offer_text, outcome, when = (row.get(c, "").strip() for c in COLUMNS)
    offer_id = int(offer_text) if offer_text.isdigit() else None
    if offer_id is None:
        found.append(
            (name, line, "offer_id", f"expected an offer id (a whole number), got {offer_text!r}")
        )
    elif offer_id not in presented:
        found.append((name, line, "offer_id", f"no presented offer {offer_id}"))
    if outcome not in OUTCOMES:
        found.append((name, line, "outcome", f"{outcome!r} is not one of {', '.join(OUTCOMES)}"))
    moment = None
    try:
        moment = _moment(when)
    except ValueError:
        found.append((name, line, "occurred_at", f"bad timestamp {when!r}, expected ISO 8601"))
    if moment is not None and offer_id in presented and moment < presented[offer_id]:
        found.append(
            (
                name,
                line,
                "occurred_at",
                f"before the offer was presented ({presented[offer_id].isoformat()})",
            )
        )
    problems.extend(found)
    if found or offer_id is None or moment is None:
        return None
    return OutcomeCreate.model_validate(
        {"offer_id": offer_id, "outcome": outcome, "occurred_at": moment}
    )


def read_outcomes(session: Session, path: Path) -> list[OutcomeCreate]:
    """Read and validate every row of an outcomes file.

    Raises:
        BookImportError: the header lacks a column, or any row is bad (all problems listed).
    """
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise BookImportError(
                [(path.name, 1, c, "column missing from the header") for c in missing]
            )
        rows = list(reader)
    ids = {int(r["offer_id"]) for r in rows if (r.get("offer_id") or "").strip().isdigit()}
    query = select(PresentedOffer.id, PresentedOffer.presented_at)
    presented = {i: at for i, at in session.execute(query.where(PresentedOffer.id.in_(ids)))}
    problems: list[tuple[str, int, str, str]] = []
    read = [
        _read_row(n, row, presented, problems, path.name) for n, row in enumerate(rows, start=2)
    ]
    if problems:
        raise BookImportError(problems)
    return [r for r in read if r is not None]


def import_outcomes(
    session: Session, path: Path, *, recorded_by: str, now: datetime
) -> OutcomeImport:
    """Validate the file, then store its new outcomes in the caller's transaction.

    Raises:
        BookImportError: the file is not valid; nothing was written.
    """
    outcomes = read_outcomes(session, path)
    created = sum(
        record_outcome(session, o, source="import", recorded_by=recorded_by, now=now)[1]
        for o in outcomes
    )
    return OutcomeImport(
        rows=len(outcomes), created=created, already_stored=len(outcomes) - created
    )
