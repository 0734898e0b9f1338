"""contacts: the persons at a customer a message may be addressed to, with consent per person

Revision ID: 0006
Revises: 0005

One row per person: name, role, e-mail, phone, language, the primary flag (a partial unique
index holds at most one primary per customer) and consent per channel (NULL is unknown, which
means no) and an objection to direct marketing.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "contacts",
        sa.Column("id", sa.String(24), primary_key=True),
        sa.Column("customer_id", sa.String(16), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("first_name", sa.String(80), nullable=False),
        sa.Column("last_name", sa.String(80), nullable=False),
        sa.Column("role", sa.String(24), nullable=False),
        sa.Column("email", sa.String(200), nullable=True),
        sa.Column("phone", sa.String(40), nullable=True),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("is_primary", sa.Boolean, nullable=False),
        sa.Column("consent_email", sa.Boolean, nullable=True),
        sa.Column("consent_phone", sa.Boolean, nullable=True),
        sa.Column("consent_portal", sa.Boolean, nullable=True),
        sa.Column("objection_to_marketing", sa.Boolean, nullable=False),
    )
    op.create_index("ix_contacts_customer_id", "contacts", ["customer_id"])
    op.create_index(
        "ux_contacts_one_primary",
        "contacts",
        ["customer_id"],
        unique=True,
        sqlite_where=sa.text("is_primary"),
        postgresql_where=sa.text("is_primary"),
    )


def downgrade() -> None:
    op.drop_index("ux_contacts_one_primary", table_name="contacts")
    op.drop_index("ix_contacts_customer_id", table_name="contacts")
    op.drop_table("contacts")
