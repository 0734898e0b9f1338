"""Alembic environment: runs migrations against the URL set by ``tools.book.schema``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from tools.book.models import Base

target_metadata = Base.metadata


def run_migrations() -> None:
    """Run migrations online against the configured URL."""
    url = context.config.get_main_option("sqlalchemy.url")
    assert url is not None
    connectable = create_engine(url)
    with connectable.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=url.startswith("sqlite"),
        )
        with context.begin_transaction():
            context.run_migrations()
    connectable.dispose()


run_migrations()
