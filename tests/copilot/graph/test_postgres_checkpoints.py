"""On PostgreSQL the book, the records and the checkpoints all live in the database."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from copilot.records.models import ApprovalRecord
from tests.copilot.conftest import AS_OF, NOW, SEED_ADVISOR
from tests.copilot.turns import decide_through, run_turn
from tools.book.generator import BookSpec, generate_book
from tools.book.loading import clear_book
from tools.book.schema import migrate
from tools.foundation.db import session_factory, session_scope
from tools.foundation.settings import Settings

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture
def pg_turn_settings(
    postgres_url: str, template_data_dir: Path, tmp_path: Path
) -> Iterator[Settings]:
    settings = Settings(data_dir=tmp_path / "data", database_url=postgres_url)
    shutil.copytree(template_data_dir / "chroma", settings.chroma_dir)
    migrate(settings)
    with session_factory(settings)() as session:
        clear_book(session)
        generate_book(session, BookSpec(customers=60, seed=5, as_of=AS_OF))
    yield settings
    with session_factory(settings)() as session:
        clear_book(session)


def test_turn_pauses_and_resumes_with_postgres_checkpoints(pg_turn_settings: Settings) -> None:
    result = run_turn(
        pg_turn_settings, SEED_ADVISOR, "S000002", "Draft an email", now=NOW, llm=None
    )
    assert result.approval_id is not None and result.passed

    decide_through(pg_turn_settings, result.approval_id, "approve", "co-1", "ok", now=NOW)

    assert not pg_turn_settings.checkpoint_path.exists()
    with session_scope(pg_turn_settings) as session:
        record = session.get(ApprovalRecord, result.approval_id)
        assert record is not None and record.status == "approved"
