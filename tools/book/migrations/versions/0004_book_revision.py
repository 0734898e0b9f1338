"""book revision: a counter every write to customers or policies bumps (cache invalidation)

Revision ID: 0004
Revises: 0002, 0003

Book-level aggregates (peer tables) are cached per book revision. Triggers bump the counter on
every insert, update or delete, so an in-place edit made by any client (an import, SQL by
hand) invalidates the caches too.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: tuple[str, ...] = ("0002", "0003")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WATCHED = ("customers", "policies")
OPERATIONS = ("INSERT", "UPDATE", "DELETE")


def upgrade() -> None:
    op.create_table(
        "book_revision",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("revision", sa.BigInteger, nullable=False),
    )
    op.execute("INSERT INTO book_revision (id, revision) VALUES (1, 1)")
    if op.get_context().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION bump_book_revision() RETURNS trigger AS $$ BEGIN "
            "UPDATE book_revision SET revision = revision + 1 WHERE id = 1; RETURN NULL; END; "
            "$$ LANGUAGE plpgsql"
        )
        for table in WATCHED:
            op.execute(
                f"CREATE TRIGGER {table}_bump_revision AFTER INSERT OR UPDATE OR DELETE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION bump_book_revision()"
            )
        return
    for table in WATCHED:
        for operation in OPERATIONS:
            op.execute(
                f"CREATE TRIGGER {table}_{operation.lower()}_bump_revision AFTER {operation} "
                f"ON {table} BEGIN UPDATE book_revision SET revision = revision + 1 "
                "WHERE id = 1; END"
            )


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        for table in WATCHED:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_bump_revision ON {table}")
        op.execute("DROP FUNCTION IF EXISTS bump_book_revision()")
    else:
        for table in WATCHED:
            for operation in OPERATIONS:
                op.execute(f"DROP TRIGGER IF EXISTS {table}_{operation.lower()}_bump_revision")
    op.drop_table("book_revision")
