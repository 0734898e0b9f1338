"""Data minimisation: strip personal data a drafted message does not need before any LLM call.

``redact_text`` replaces e-mail addresses, IBANs, card numbers, Nordic personal id numbers
(SE personnummer, DK CPR, NO fødselsnummer, FI henkilötunnus) and phone numbers with
placeholders. ``minimise_facts`` drops free-text CRM fields and contact details from a facts
dict and redacts every remaining string. Amounts, ISO dates and percentages are left intact:
the draft must quote them verbatim.
"""

from __future__ import annotations

import re
from typing import Any

DROPPED_KEYS: frozenset[str] = frozenset(
    {
        "notes",
        "note",
        "crm_notes",
        "free_text",
        "comment",
        "comments",
        "email",
        "contact_email",
        "phone",
        "contact_phone",
        "mobile",
        "address",
        "personal_id",
        "national_id",
        "personnummer",
        "cpr",
        "fodselsnummer",
        "henkilotunnus",
        "ssn",
        "iban",
        "card_number",
    }
)
"""Fact keys removed outright (any depth): free text and contact or identity details."""

PAYLOAD_TEXT_KEYS: frozenset[str] = frozenset(
    {"text", "message", "body", "description", "summary", "subject"}
)
"""Keys of event payloads that hold free text, removed even when short."""

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b")
_CARD = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
# SE 12-digit (YYYYMMDD-NNNN), SE/DK 10-digit (6+4), NO 11-digit (6+5), FI (6 + sign + 3 + check).
_PERSONAL_ID = re.compile(
    r"(?<![\w-])(?:"
    r"(?:19|20)?(\d{6})[-+ ]?\d{4}"
    r"|(\d{6}) ?\d{5}"
    r"|(\d{6})[-+A-FU-Y]\d{3}[0-9A-Y]"
    r")(?![\w-])"
)
_PHONE = re.compile(r"(?<![\w.,])(?:\+|00)?\d[\d ()./-]{6,18}\d(?!\w|[.,]\d)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DMY_DATE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:[ ,.]\d{3})+")


def _plausible_birth_date(six: str) -> bool:
    """Return whether six digits read as YYMMDD or DDMMYY (with NO/SE day offsets)."""
    first, middle, last = int(six[:2]), int(six[2:4]), int(six[4:])
    month_ok = 1 <= middle <= 12 or 41 <= middle <= 52  # NO H-numbers add 40 to the month
    day_first = 1 <= first <= 31 or 41 <= first <= 71  # NO D-numbers add 40 to the day
    day_last = 1 <= last <= 31 or 61 <= last <= 91  # SE samordningsnummer add 60
    return month_ok and (day_first or day_last)


def _luhn_ok(digits: str) -> bool:
    """Return whether a digit string passes the Luhn checksum of card numbers."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _replace_card(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return "[card]" if _luhn_ok(digits) else match.group(0)


def _replace_personal_id(match: re.Match[str]) -> str:
    six = next(group for group in match.groups() if group)
    return "[personal-id]" if _plausible_birth_date(six) else match.group(0)


def _replace_phone(match: re.Match[str]) -> str:
    text = match.group(0)
    digits = re.sub(r"\D", "", text)
    international = text.startswith(("+", "00"))
    if not 8 <= len(digits) <= 15:
        return text
    if _ISO_DATE.fullmatch(text) or _DMY_DATE.fullmatch(text):
        return text
    if not international and _THOUSANDS.fullmatch(text):
        return text  # an amount such as 12 000 000, not a number to call
    return "[phone]"


def redact_text(text: str) -> str:
    """Replace personal contact and identity data in free text with placeholders.

    Args:
        text: Any text about to be sent to a language model.

    Returns:
        The text with e-mails, IBANs, card numbers, Nordic personal ids and phone numbers
        replaced by ``[email]``, ``[iban]``, ``[card]``, ``[personal-id]`` and ``[phone]``.
    """
    text = _EMAIL.sub("[email]", text)
    text = _IBAN.sub("[iban]", text)
    text = _CARD.sub(_replace_card, text)
    text = _PERSONAL_ID.sub(_replace_personal_id, text)
    return _PHONE.sub(_replace_phone, text)


def _minimise_payload(payload: Any) -> Any:
    """Keep the structured part of an event payload: numbers, flags and short codes."""
    if isinstance(payload, dict):
        kept: dict[str, Any] = {}
        for key, value in payload.items():
            reduced = _minimise_payload(value)
            dropped = str(key).lower() in DROPPED_KEYS | PAYLOAD_TEXT_KEYS
            if not dropped and (reduced is not None or value is None):
                kept[key] = reduced
        return kept
    if isinstance(payload, list | tuple):
        return [reduced for item in payload if (reduced := _minimise_payload(item)) is not None]
    if isinstance(payload, str):
        is_code = len(payload) <= 40 and not any(char.isspace() for char in payload)
        return redact_text(payload) if is_code else None
    return payload


def _minimise_value(value: Any) -> Any:
    """Minimise any JSON-like value (see ``minimise_facts``)."""
    if isinstance(value, dict):
        kept: dict[str, Any] = {}
        for key, item in value.items():
            if str(key).lower() in DROPPED_KEYS:
                continue
            kept[key] = _minimise_payload(item) if key == "payload" else _minimise_value(item)
        return kept
    if isinstance(value, list | tuple):
        return [_minimise_value(item) for item in value]
    if isinstance(value, str):
        return redact_text(value)
    return value


def minimise_facts(facts: dict[str, Any]) -> dict[str, Any]:
    """Return a copy of tool facts with the personal data a message does not need removed.

    Drops every key in ``DROPPED_KEYS`` at any depth, keeps only numbers, flags and short codes
    inside event ``payload`` fields (their free text goes), and redacts every remaining string.

    Args:
        facts: The facts dict of a draft (JSON-like: dicts, lists, scalars).

    Returns:
        The minimised copy; the input is not modified.
    """
    minimised: dict[str, Any] = _minimise_value(facts)
    return minimised
