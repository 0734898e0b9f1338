"""Plain, immutable copies of book rows (no ORM session behind them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class CustomerRow:
    """A customer as the book records it."""

    id: str
    org_number: str
    name: str
    country: str
    industry_code: str
    industry_label: str
    employees: int
    turnover_eur: int
    founded: date
    customer_since: date | None
    is_prospect: bool
    preferred_channel: str
    language: str
    consent_email: bool | None
    consent_phone: bool | None
    consent_portal: bool | None
    objection_to_marketing: bool
    care_flag: bool
    advisor_id: str
    crm_notes: str


@dataclass(frozen=True, slots=True)
class PolicyRow:
    """A policy the customer holds or held."""

    id: int
    product_code: str
    status: str
    annual_premium_eur: float
    limit_eur: int
    deductible_eur: int
    start_date: date
    renewal_date: date
    end_date: date | None


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """A claim on one of the customer's policies."""

    id: int
    product_code: str
    claim_date: date
    amount_eur: float
    status: str


@dataclass(frozen=True, slots=True)
class EventRow:
    """A business event about the customer, or about its industry."""

    id: int
    event_type: str
    occurred_at: datetime
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class OfferRow:
    """An offer presented to the customer, and what became of it."""

    product_code: str
    status: str
    channel: str
    presented_at: datetime


@dataclass(frozen=True, slots=True)
class ContactRow:
    """One contact with the customer."""

    channel: str
    kind: str
    contacted_at: datetime
