"""Learning loop: offers presented (any channel), their outcomes, and alerts

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "offer_presentations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("approval_id", sa.String(64), nullable=True),
        sa.Column("book_offer_id", sa.Integer, nullable=True),
        sa.Column("customer_id", sa.String(16), nullable=False),
        sa.Column("contact_id", sa.String(64), nullable=True),
        sa.Column("advisor_id", sa.String(16), nullable=True),
        sa.Column("product_code", sa.String(32), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("trigger_type", sa.String(32), nullable=False),
        sa.Column("urgency", sa.String(8), nullable=True),
        sa.Column("triggered_at", sa.DateTime, nullable=True),
        sa.Column("presented_at", sa.DateTime, nullable=False),
        sa.Column("model_version", sa.String(64), nullable=False),
        sa.Column("propensity", sa.Float, nullable=True),
        sa.Column("rule_pack_id", sa.String(64), nullable=False),
        sa.Column("rule_pack_version", sa.String(32), nullable=False),
        sa.Column("arm", sa.String(16), nullable=False),
    )
    for column in ("approval_id", "customer_id", "advisor_id", "product_code", "presented_at"):
        op.create_index(f"ix_offer_presentations_{column}", "offer_presentations", [column])
    op.create_table(
        "offer_outcomes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("offer_id", sa.Integer, sa.ForeignKey("offer_presentations.id"), nullable=False),
        sa.Column("outcome", sa.String(24), nullable=False),
        sa.Column("occurred_at", sa.DateTime, nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("recorded_by", sa.String(32), nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("offer_id", "outcome", "occurred_at"),
    )
    op.create_index("ix_offer_outcomes_offer_id", "offer_outcomes", ["offer_id"])
    op.create_table(
        "learning_alerts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("subject", sa.String(64), nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("threshold", sa.Float, nullable=False),
        sa.Column("window_start", sa.DateTime, nullable=False),
        sa.Column("window_end", sa.DateTime, nullable=False),
        sa.Column("detail", sa.JSON, nullable=False),
        sa.Column("raised_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("kind", "subject", "window_end"),
    )
    op.create_index("ix_learning_alerts_raised_at", "learning_alerts", ["raised_at"])


def downgrade() -> None:
    op.drop_index("ix_learning_alerts_raised_at", "learning_alerts")
    op.drop_table("learning_alerts")
    op.drop_index("ix_offer_outcomes_offer_id", "offer_outcomes")
    op.drop_table("offer_outcomes")
    for column in ("approval_id", "customer_id", "advisor_id", "product_code", "presented_at"):
        op.drop_index(f"ix_offer_presentations_{column}", "offer_presentations")
    op.drop_table("offer_presentations")
