"""Summaries of the loaded book: table counts, mixes, and the seed use-case customers."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tools.book.csv_format import EXPORTED_TABLES, table_of
from tools.book.generator.seed_customers import seed_customer_ids
from tools.book.models import Customer, Policy


def table_counts(session: Session) -> dict[str, int]:
    """Return the row count of every book table."""
    return {
        model.__tablename__: int(
            session.scalar(select(func.count()).select_from(table_of(model))) or 0
        )
        for model in EXPORTED_TABLES
    }


def mix(session: Session, column: str) -> dict[str, int]:
    """Return customer counts grouped by a customer column (country, industry_code, ...)."""
    field = getattr(Customer, column)
    rows = session.execute(select(field, func.count()).group_by(field).order_by(field))
    return {str(key): int(count) for key, count in rows}


def seed_customers(session: Session) -> list[dict[str, Any]]:
    """Return the seed use-case customers with their figures and active policies."""
    out = []
    for customer in session.scalars(
        select(Customer).where(Customer.id.in_(seed_customer_ids())).order_by(Customer.id)
    ):
        policies = session.scalars(
            select(Policy).where(Policy.customer_id == customer.id, Policy.status == "active")
        )
        out.append(
            {
                "id": customer.id,
                "name": customer.name,
                "country": customer.country,
                "industry": customer.industry_label,
                "employees": customer.employees,
                "turnover_eur": customer.turnover_eur,
                "prospect": customer.is_prospect,
                "policies": {p.product_code: p.annual_premium_eur for p in policies},
            }
        )
    return out
