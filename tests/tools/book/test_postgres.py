from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tools.book.csv_io import export_book, import_book
from tools.book.generator import BookSpec, generate_book
from tools.book.loading import clear_book
from tools.book.models import Customer
from tools.book.repository import resolve_customer
from tools.book.schema import migrate
from tools.foundation.db import session_factory
from tools.foundation.errors import BookImportError
from tools.foundation.settings import Settings

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_settings(postgres_url: str, tmp_path: Path) -> Settings:
    settings = Settings(data_dir=tmp_path, database_url=postgres_url)
    migrate(settings)
    with session_factory(settings)() as session:
        clear_book(session)
    return settings


def test_migrations_and_generator_work_on_postgres(pg_settings: Settings) -> None:
    with session_factory(pg_settings)() as session:
        generate_book(session, BookSpec(customers=60, seed=5, as_of=date(2026, 11, 22)))
        count = session.scalar(select(func.count()).select_from(Customer))
        seed = resolve_customer(session, "Nordic IT Solutions AB")
    assert count == 65
    assert seed.employees == 15


def test_csv_round_trip_and_atomic_failure_on_postgres(
    pg_settings: Settings, tmp_path: Path
) -> None:
    with session_factory(pg_settings)() as session:
        generate_book(session, BookSpec(customers=60, seed=5, as_of=date(2026, 11, 22)))
        export_book(session, tmp_path / "csv")
        clear_book(session)
        import_book(session, tmp_path / "csv")
        assert session.scalar(select(func.count()).select_from(Customer)) == 65
        clear_book(session)
        policies = tmp_path / "csv" / "policies.csv"
        policies.write_text(policies.read_text().replace(",GL,", ",NOPE,", 1))
        with pytest.raises(BookImportError):
            import_book(session, tmp_path / "csv")
        assert session.scalar(select(func.count()).select_from(Customer)) == 0
