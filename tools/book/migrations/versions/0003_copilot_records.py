"""Copilot records: approvals, drafts and evidence of copilot turns.

Revision ID: 0003
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "copilot_approvals",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("advisor_id", sa.String(16), nullable=False),
        sa.Column("customer_id", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("escalated", sa.Boolean, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("decided_at", sa.DateTime, nullable=True),
        sa.Column("reviewer", sa.String(120), nullable=True),
        sa.Column("reason", sa.Text, nullable=True),
    )
    op.create_index("ix_copilot_approvals_advisor_id", "copilot_approvals", ["advisor_id"])
    op.create_index("ix_copilot_approvals_customer_id", "copilot_approvals", ["customer_id"])
    op.create_index("ix_copilot_approvals_status", "copilot_approvals", ["status"])
    op.create_table(
        "copilot_drafts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "approval_id", sa.String(64), sa.ForeignKey("copilot_approvals.id"), nullable=False
        ),
        sa.Column("attempt", sa.Integer, nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("subject", sa.Text, nullable=True),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("citations", sa.JSON, nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("model", sa.String(120), nullable=True),
        sa.Column("prompt_id", sa.String(64), nullable=False),
        sa.Column("prompt_version", sa.Integer, nullable=False),
        sa.Column("prompt_sha256", sa.String(64), nullable=False),
        sa.Column("final", sa.Boolean, nullable=False),
        sa.Column("final_text", sa.Text, nullable=True),
        sa.Column("edit_diff", sa.Text, nullable=True),
    )
    op.create_index("ix_copilot_drafts_approval_id", "copilot_drafts", ["approval_id"])
    op.create_table(
        "copilot_evidence",
        sa.Column(
            "approval_id", sa.String(64), sa.ForeignKey("copilot_approvals.id"), primary_key=True
        ),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("plan", sa.JSON, nullable=False),
        sa.Column("tools_called", sa.JSON, nullable=False),
        sa.Column("tool_errors", sa.JSON, nullable=False),
        sa.Column("facts", sa.JSON, nullable=False),
        sa.Column("citations", sa.JSON, nullable=False),
        sa.Column("recommendations", sa.JSON, nullable=False),
        sa.Column("suppressed", sa.JSON, nullable=False),
        sa.Column("rule_pack_id", sa.String(64), nullable=False),
        sa.Column("rule_pack_version", sa.String(32), nullable=False),
        sa.Column("checked_rules", sa.JSON, nullable=False),
        sa.Column("findings", sa.JSON, nullable=False),
        sa.Column("model_versions", sa.JSON, nullable=False),
        sa.Column("offer", sa.JSON, nullable=False),
        sa.Column("notices", sa.JSON, nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("copilot_evidence")
    op.drop_index("ix_copilot_drafts_approval_id", "copilot_drafts")
    op.drop_table("copilot_drafts")
    op.drop_index("ix_copilot_approvals_status", "copilot_approvals")
    op.drop_index("ix_copilot_approvals_customer_id", "copilot_approvals")
    op.drop_index("ix_copilot_approvals_advisor_id", "copilot_approvals")
    op.drop_table("copilot_approvals")
