"""The outcomes CSV from the policy system: validated row by row, idempotent, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.tools.learning.conftest import PRESENTED, OfferFactory
from tools.foundation.errors import BookImportError
from tools.learning.models import OfferOutcome
from tools.learning.outcome_csv import import_outcomes


def _file(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "outcomes.csv"
    path.write_text("\n".join(("offer_id,outcome,occurred_at,policy_ref", *lines)) + "\n")
    return path


def _count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(OfferOutcome)) or 0


def test_a_valid_file_is_imported(
    learning_session: Session, present: OfferFactory, tmp_path: Path
) -> None:
    one, two = present(), present(product_code="DO")
    path = _file(
        tmp_path,
        f"{one.id},accepted,2026-11-04T09:00:00,P-1",
        f"{two.id},declined,2026-11-05T09:00:00+02:00,P-2",
    )
    result = import_outcomes(learning_session, path, recorded_by="ops-1", now=PRESENTED)
    assert (result.rows, result.created, _count(learning_session)) == (2, 2, 2)


def test_importing_the_same_file_again_changes_nothing(
    learning_session: Session, present: OfferFactory, tmp_path: Path
) -> None:
    offer = present()
    path = _file(tmp_path, f"{offer.id},accepted,2026-11-04T09:00:00,P-1")
    import_outcomes(learning_session, path, recorded_by="ops-1", now=PRESENTED)
    again = import_outcomes(learning_session, path, recorded_by="ops-1", now=PRESENTED)
    assert (again.created, again.already_stored, _count(learning_session)) == (0, 1, 1)


def test_bad_rows_reject_the_file_with_every_problem(
    learning_session: Session, present: OfferFactory, tmp_path: Path
) -> None:
    offer = present()
    path = _file(
        tmp_path,
        f"{offer.id},accepted,2026-11-04T09:00:00,P-1",
        "x,bought,yesterday,P-2",
        "999,declined,2026-11-04T09:00:00,P-3",
        f"{offer.id},declined,2026-10-01T09:00:00,P-4",
    )
    with pytest.raises(BookImportError) as raised:
        import_outcomes(learning_session, path, recorded_by="ops-1", now=PRESENTED)
    where = {(row, column) for _, row, column, _ in raised.value.problems}
    assert where == {
        (3, "offer_id"),
        (3, "outcome"),
        (3, "occurred_at"),
        (4, "offer_id"),
        (5, "occurred_at"),
    }
    assert _count(learning_session) == 0


def test_a_file_without_the_columns_is_refused(learning_session: Session, tmp_path: Path) -> None:
    path = tmp_path / "outcomes.csv"
    path.write_text("offer,result\n1,accepted\n")
    with pytest.raises(BookImportError, match="column missing"):
        import_outcomes(learning_session, path, recorded_by="ops-1", now=PRESENTED)
