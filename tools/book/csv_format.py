"""The CSV format of a whole book: one file per table, columns typed from the SQLAlchemy models."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import JSON, Boolean, Column, Date, DateTime, Float, Integer, Table

from tools.book.models import BOOK_TABLES, CONTACT_LANGUAGES, CONTACT_ROLES, Base, BookMeta
from tools.catalogue.loader import load_catalogue

EXPORTED_TABLES: tuple[type[Base], ...] = (BookMeta, *BOOK_TABLES)
"""Tables written by export and read by import, parents first (ground truth never leaves)."""

ENUMS: dict[str, tuple[str, ...]] = {
    "policies.status": ("active", "lapsed", "cancelled"),
    "claims.status": ("open", "closed", "rejected"),
    "offers.status": ("presented", "accepted", "declined", "deferred"),
    "customers.preferred_channel": ("email", "phone", "portal"),
    "contact_log.kind": ("sales", "service", "renewal", "care"),
    "contacts.role": CONTACT_ROLES,
    "contacts.language": CONTACT_LANGUAGES,
    "business_events.event_type": (
        "headcount_change",
        "revenue_change",
        "location_added",
        "portal_login",
        "document_download",
        "quote_request",
        "industry_incident",
        "claim_filed",
    ),
}
REQUIRED_TEXT = frozenset(
    {
        "contacts.id",
        "contacts.customer_id",
        "contacts.first_name",
        "contacts.last_name",
        "contacts.role",
        "contacts.language",
    }
)
"""Text columns where an empty cell is an error (elsewhere an empty text is an empty string)."""
NON_NEGATIVE = {
    "annual_premium_eur",
    "amount_eur",
    "employees",
    "turnover_eur",
    "limit_eur",
    "deductible_eur",
}
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
"""An e-mail address: one @, no spaces, a dot in the domain."""
PHONE = re.compile(r"\+?[0-9][0-9 -]{5,30}")
"""A phone number: digits with spaces or hyphens, an optional leading +."""
TRUE_WORDS, FALSE_WORDS = {"true", "1", "yes", "y"}, {"false", "0", "no", "n"}


class CellError(ValueError):
    """One cell could not be read; the message is the reason shown to the user."""


@dataclass(frozen=True)
class ColumnSpec:
    """How one CSV column is read and written."""

    name: str
    nullable: bool
    parse: Callable[[str], Any]
    required: bool = False
    """An empty cell is an error (typed columns that may not be empty, and REQUIRED_TEXT)."""


def file_name(model: type[Base]) -> str:
    """Return the CSV file name of a table (``customers.csv``)."""
    return f"{model.__tablename__}.csv"


def _parse_bool(text: str) -> bool:
    if text.lower() in TRUE_WORDS:
        return True
    if text.lower() in FALSE_WORDS:
        return False
    raise CellError(f"expected true or false, got {text!r}")


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CellError(f"bad date {text!r}, expected YYYY-MM-DD") from None


def _parse_datetime(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise CellError(f"bad timestamp {text!r}, expected YYYY-MM-DDTHH:MM:SS") from None


def _parse_number(kind: type[int] | type[float]) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        try:
            return kind(text)
        except ValueError:
            raise CellError(f"expected a number, got {text!r}") from None

    return parse


def _parse_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise CellError(f"bad JSON ({error.msg})") from None


def _parser(column: Column[Any]) -> Callable[[str], Any]:
    kind = column.type
    table = {
        Boolean: _parse_bool,
        Date: _parse_date,
        DateTime: _parse_datetime,
        JSON: _parse_json,
        Integer: _parse_number(int),
        Float: _parse_number(float),
    }
    for sql_type, parse in table.items():
        if isinstance(kind, sql_type):
            return parse
    return str


def table_of(model: type[Base]) -> Table:
    """Return the SQLAlchemy table of a model."""
    return cast(Table, model.__table__)


def columns(model: type[Base]) -> list[ColumnSpec]:
    """Return the column specs of a table, in model order."""
    specs = []
    for column in table_of(model).columns:
        parse = _parser(column)
        text_required = f"{model.__tablename__}.{column.name}" in REQUIRED_TEXT
        required = not column.nullable and (parse is not str or text_required)
        specs.append(ColumnSpec(column.name, bool(column.nullable), parse, required))
    return specs


def domain_problem(table: str, column: str, value: Any) -> str | None:
    """Return why a parsed value is outside its domain, or None when it is fine."""
    catalogue = load_catalogue()
    if column == "product_code" and value not in catalogue.products:
        return f"unknown product code {value!r}"
    if column == "country" and value not in catalogue.countries:
        return f"unknown country {value!r}; expected one of {', '.join(catalogue.countries)}"
    if column in NON_NEGATIVE and value is not None and value < 0:
        return f"must not be negative, got {value}"
    if table == "contacts" and column == "email" and value and not EMAIL.fullmatch(value):
        return f"not an e-mail address: {value!r}"
    if table == "contacts" and column == "phone" and value and not PHONE.fullmatch(value):
        return f"not a phone number: {value!r}; use digits, spaces and a leading +"
    allowed = ENUMS.get(f"{table}.{column}")
    if allowed and value not in allowed:
        return f"unknown value {value!r}; expected one of {', '.join(allowed)}"
    return None


def format_cell(value: Any) -> str:
    """Write a value as CSV text (ISO dates, true/false, JSON for payloads, empty for None)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)
