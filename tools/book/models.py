"""SQLAlchemy 2 models of the book of business (migrations in ``tools/book/migrations``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base of every book table."""


class BookMeta(Base):
    """Key/value facts about the loaded book (generator seed, as-of date, catalogue version)."""

    __tablename__ = "book_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Advisor(Base):
    """An advisor (account manager) who looks after a book of customers."""

    __tablename__ = "advisors"
    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    email: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))


class Customer(Base):
    """An SME customer (or prospect) of the insurer."""

    __tablename__ = "customers"
    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    org_number: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    country: Mapped[str] = mapped_column(String(2), index=True)
    industry_code: Mapped[str] = mapped_column(String(32), index=True)
    industry_label: Mapped[str] = mapped_column(String(80))
    employees: Mapped[int] = mapped_column(Integer)
    turnover_eur: Mapped[int] = mapped_column(Integer)
    founded: Mapped[date] = mapped_column(Date)
    customer_since: Mapped[date | None] = mapped_column(Date, nullable=True)
    is_prospect: Mapped[bool] = mapped_column(Boolean, default=False)
    preferred_channel: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(8))
    # Consent per channel: True given, False refused, None unknown (unknown means no).
    consent_email: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    consent_phone: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    consent_portal: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    objection_to_marketing: Mapped[bool] = mapped_column(Boolean, default=False)
    care_flag: Mapped[bool] = mapped_column(Boolean, default=False)
    advisor_id: Mapped[str] = mapped_column(ForeignKey("advisors.id"), index=True)
    crm_notes: Mapped[str] = mapped_column(Text, default="")


CONTACT_ROLES: tuple[str, ...] = (
    "owner",
    "ceo",
    "cfo",
    "coo",
    "hr",
    "operations",
    "finance",
    "it",
    "sales",
    "office_manager",
    "board_member",
)
"""What a contact person does at the company (``contacts.role``)."""
CONTACT_LANGUAGES: tuple[str, ...] = ("en", "sv", "nb", "da", "fi", "is")
"""Languages a contact person may prefer (``contacts.language``)."""


class Contact(Base):
    """A person at a customer whom a message may be addressed to.

    Consent is recorded per person and channel like the customer's: True given, False
    refused, None unknown (unknown means no). Exactly one contact of a customer with
    contacts is primary (a partial unique index holds at most one; the import checks one).
    """

    __tablename__ = "contacts"
    __table_args__ = (
        Index(
            "ux_contacts_one_primary",
            "customer_id",
            unique=True,
            sqlite_where=text("is_primary"),
            postgresql_where=text("is_primary"),
        ),
    )
    id: Mapped[str] = mapped_column(String(24), primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(24))  # one of CONTACT_ROLES
    email: Mapped[str | None] = mapped_column(String(200), nullable=True)
    phone: Mapped[str | None] = mapped_column(String(40), nullable=True)
    language: Mapped[str] = mapped_column(String(8))  # one of CONTACT_LANGUAGES
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_email: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    consent_phone: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    consent_portal: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    objection_to_marketing: Mapped[bool] = mapped_column(Boolean, default=False)


class Policy(Base):
    """A policy a customer holds or held."""

    __tablename__ = "policies"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    product_code: Mapped[str] = mapped_column(String(32), index=True)
    status: Mapped[str] = mapped_column(String(16))  # active, lapsed, cancelled
    annual_premium_eur: Mapped[float] = mapped_column(Float)
    limit_eur: Mapped[int] = mapped_column(Integer)
    deductible_eur: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[date] = mapped_column(Date)
    renewal_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True)


class Claim(Base):
    """A claim on one of the customer's policies."""

    __tablename__ = "claims"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    product_code: Mapped[str] = mapped_column(String(32))
    claim_date: Mapped[date] = mapped_column(Date)
    amount_eur: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(16))  # open, closed, rejected


class BusinessEvent(Base):
    """A business event about a customer, or about a whole industry (customer_id empty)."""

    __tablename__ = "business_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[str | None] = mapped_column(
        ForeignKey("customers.id"), nullable=True, index=True
    )
    event_type: Mapped[str] = mapped_column(String(32), index=True)
    occurred_at: Mapped[datetime] = mapped_column(DateTime)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Offer(Base):
    """An offer or recommendation presented to a customer, and what became of it."""

    __tablename__ = "offers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    advisor_id: Mapped[str | None] = mapped_column(ForeignKey("advisors.id"), nullable=True)
    product_code: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))  # presented, accepted, declined, deferred
    channel: Mapped[str] = mapped_column(String(16))
    trigger: Mapped[str] = mapped_column(String(64))
    model_version: Mapped[str] = mapped_column(String(64))
    presented_at: Mapped[datetime] = mapped_column(DateTime)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class DemandsNeeds(Base):
    """A documented demands-and-needs assessment (the basis for any advice)."""

    __tablename__ = "demands_needs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    advisor_id: Mapped[str | None] = mapped_column(ForeignKey("advisors.id"), nullable=True)
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    needs: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ContactLog(Base):
    """One contact with a customer (sales, service, renewal or care)."""

    __tablename__ = "contact_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    advisor_id: Mapped[str | None] = mapped_column(ForeignKey("advisors.id"), nullable=True)
    channel: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))  # sales, service, renewal, care
    contacted_at: Mapped[datetime] = mapped_column(DateTime)
    subject: Mapped[str] = mapped_column(String(200), default="")


class GroundTruth(Base):
    """Latent factors of the synthetic generator: for models' evaluation only, never for tools."""

    __tablename__ = "ground_truth"
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), primary_key=True)
    buy_affinity: Mapped[float] = mapped_column(Float)
    risk_attitude: Mapped[float] = mapped_column(Float)
    churn_hazard: Mapped[float] = mapped_column(Float)
    claim_multiplier: Mapped[float] = mapped_column(Float)
    purchase_probability: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)


BOOK_TABLES: tuple[type[Base], ...] = (
    Advisor,
    Customer,
    Contact,
    Policy,
    Claim,
    BusinessEvent,
    Offer,
    DemandsNeeds,
    ContactLog,
)
"""The tables a whole-book CSV import/export covers, parents first (ground truth is apart)."""
