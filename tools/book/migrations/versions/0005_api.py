"""API: users, the hash-chained audit log, decisions, the review queue, the outbox, ratings

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _index(table: str, *columns: str, unique: bool = False) -> None:
    op.create_index(f"ix_{table}_{'_'.join(columns)}", table, list(columns), unique=unique)


def _users_and_audit() -> None:
    op.create_table(
        "copilot_users",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("advisor_id", sa.String(16), nullable=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("revoked_at", sa.DateTime, nullable=True),
    )
    _index("copilot_users", "advisor_id")
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("actor_id", sa.String(32), nullable=False),
        sa.Column("actor_role", sa.String(16), nullable=False),
        sa.Column("action", sa.String(48), nullable=False),
        sa.Column("subject_type", sa.String(32), nullable=False),
        sa.Column("subject_id", sa.String(64), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    for column in ("at", "actor_id", "action", "subject_id"):
        _index("audit_log", column)
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("length", sa.BigInteger, nullable=False),
        sa.Column("last_hash", sa.String(64), nullable=False),
    )
    op.execute(f"INSERT INTO audit_head (id, length, last_hash) VALUES (1, 0, '{'0' * 64}')")


def _decisions_and_reviews() -> None:
    op.create_table(
        "copilot_decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "approval_id", sa.String(64), sa.ForeignKey("copilot_approvals.id"), nullable=False
        ),
        sa.Column("step", sa.String(16), nullable=False),
        sa.Column("decision", sa.String(24), nullable=False),
        sa.Column("actor_id", sa.String(120), nullable=False),
        sa.Column("actor_role", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("reason_code", sa.String(48), nullable=True),
        sa.Column("text", sa.Text, nullable=True),
        sa.Column("decided_at", sa.DateTime, nullable=False),
        sa.Column("versions", sa.JSON, nullable=False),
    )
    _index("copilot_decisions", "approval_id")
    op.create_table(
        "copilot_reviews",
        sa.Column(
            "approval_id", sa.String(64), sa.ForeignKey("copilot_approvals.id"), primary_key=True
        ),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("queued_because", sa.JSON, nullable=False),
        sa.Column("advisor_id", sa.String(16), nullable=False),
        sa.Column("customer_id", sa.String(16), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("products", sa.JSON, nullable=False),
        sa.Column("failed_rules", sa.JSON, nullable=False),
        sa.Column("maker_id", sa.String(120), nullable=False),
        sa.Column("queued_at", sa.DateTime, nullable=False),
        sa.Column("decided_at", sa.DateTime, nullable=True),
        sa.Column("checker_id", sa.String(120), nullable=True),
        sa.Column("reason_code", sa.String(48), nullable=True),
        sa.Column("comment", sa.Text, nullable=True),
    )
    for column in ("status", "advisor_id", "country", "queued_at"):
        _index("copilot_reviews", column)


def _outbox_and_ratings() -> None:
    op.create_table(
        "copilot_outbox",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "approval_id",
            sa.String(64),
            sa.ForeignKey("copilot_approvals.id"),
            nullable=False,
            unique=True,
        ),
        sa.Column("advisor_id", sa.String(16), nullable=False),
        sa.Column("customer_id", sa.String(16), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("subject", sa.Text, nullable=True),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Column("released_at", sa.DateTime, nullable=False),
    )
    for column in ("advisor_id", "customer_id", "released_at"):
        _index("copilot_outbox", column)
    op.create_table(
        "copilot_ratings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.Column("advisor_id", sa.String(16), nullable=False),
        sa.Column("customer_id", sa.String(16), nullable=False),
        sa.Column("subject_type", sa.String(16), nullable=False),
        sa.Column("subject_id", sa.String(64), nullable=False),
        sa.Column("product", sa.String(32), nullable=True),
        sa.Column("score", sa.Integer, nullable=False),
        sa.Column("reason_codes", sa.JSON, nullable=False),
        sa.Column("reason_codes_version", sa.String(16), nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("model_version", sa.String(64), nullable=True),
        sa.Column("rated_at", sa.DateTime, nullable=False),
    )
    for column in ("user_id", "advisor_id", "customer_id", "subject_id"):
        _index("copilot_ratings", column)


def upgrade() -> None:
    _users_and_audit()
    _decisions_and_reviews()
    _outbox_and_ratings()


def downgrade() -> None:
    for table in (
        "copilot_ratings",
        "copilot_outbox",
        "copilot_reviews",
        "copilot_decisions",
        "audit_head",
        "audit_log",
        "copilot_users",
    ):
        op.drop_table(table)
