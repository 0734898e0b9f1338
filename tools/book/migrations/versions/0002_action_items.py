"""action items of the nightly batch

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "action_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_date", sa.Date(), nullable=False),
        sa.Column("advisor_id", sa.String(length=16), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.String(length=16), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("product", sa.String(length=32), nullable=True),
        sa.Column("trigger", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("urgency", sa.String(length=8), nullable=False),
        sa.Column("due_by", sa.DateTime(), nullable=False),
        sa.Column("delivery", sa.String(length=32), nullable=False),
        sa.Column("merged_into", sa.String(length=120), nullable=True),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("expected_value_eur", sa.Float(), nullable=False),
        sa.Column("policy_version", sa.String(length=32), nullable=False),
        sa.Column("trigger_version", sa.String(length=32), nullable=False),
        sa.Column("ranking_basis", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["advisor_id"], ["advisors.id"]),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_action_items_run_advisor", "action_items", ["run_date", "advisor_id", "priority"]
    )
    op.create_index("ix_action_items_customer_id", "action_items", ["customer_id"])


def downgrade() -> None:
    op.drop_index("ix_action_items_customer_id", table_name="action_items")
    op.drop_index("ix_action_items_run_advisor", table_name="action_items")
    op.drop_table("action_items")
