"""Find dates in text in the common Nordic and English formats and read them as calendar values.

A full date reads as ``datetime.date``; a day and month without a year as ``("md", m, d)``;
a month and year as ``("ym", y, m)``. Numeric dates are read day-first (Nordic usage);
when the day-first reading is impossible the month-first reading is used, and when both
are possible both are kept as candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

_MONTH_NAMES: dict[int, str] = {
    1: "january jan januari januar janúar",
    2: "february feb februari februar febrúar",
    3: "march mar mars marts",
    4: "april apr apríl",
    5: "may maj mai maí",
    6: "june jun juni júní",
    7: "july jul juli júlí",
    8: "august aug augusti ágúst",
    9: "september sep sept",
    10: "october oct okt oktober október",
    11: "november nov nóvember",
    12: "december dec des desember",
}
_FINNISH_MONTHS = "tammi helmi maalis huhti touko kesä heinä elo syys loka marras joulu"
MONTHS: dict[str, int] = {
    name: month for month, names in _MONTH_NAMES.items() for name in names.split()
} | {f"{stem}kuu": index + 1 for index, stem in enumerate(_FINNISH_MONTHS.split())}

_MONTH = (
    r"(?P<month>(?:"
    + "|".join(sorted((re.escape(name) for name in MONTHS), key=len, reverse=True))
    + r")(?:(?<=kuu)[^\W\d_]*)?)\.?(?![^\W\d_])"
)
_TIME = r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"(?<![\w.])(?P<year>\d{{4}})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}}){_TIME}(?![\w])",
        r"(?<![\w.,])(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})(?![\w])",
        rf"(?<![\w.,])(?P<d>\d{{1,2}})(?:st|nd|rd|th|:e|\.)?\s+(?:of\s+)?{_MONTH},?"
        r"(?:\s+(?P<year>\d{4})(?!\d))?",
        rf"(?<![\w])(?:the\s+)?{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d.,]\d)"
        r"(?:,?\s+(?P<year>\d{4})(?!\d))?",
        rf"(?<![\w]){_MONTH}\s+(?P<year>\d{{4}})(?!\d)",
    )
)

DateValue = date | tuple[str, int, int]
"""A full date, ("md", month, day) or ("ym", year, month)."""


@dataclass(frozen=True)
class DateMatch:
    """A date found in text: where it is and the calendar values it can mean."""

    start: int
    end: int
    values: frozenset[DateValue]


def _full_or_partial(year: str | None, month: int, day: int | None) -> DateValue | None:
    try:
        if day is None:
            return ("ym", int(year), month) if year and 1 <= month <= 12 else None
        if year is None:
            date(2000, month, day)  # a leap year, so 29 February is a valid partial date
            return ("md", month, day)
        return date(int(year), month, day)
    except ValueError:
        return None


def _values(match: re.Match[str]) -> set[DateValue]:
    groups = match.groupdict()
    year = groups.get("year")
    if groups.get("a"):
        first, second = int(groups["a"]), int(groups["b"])
        readings = [_full_or_partial(year, second, first), _full_or_partial(year, first, second)]
        valid = [value for value in readings if value is not None]
        return set(valid[:1]) if groups["sep"] == "." else set(valid)
    if groups.get("month") == "may":
        return set()  # lowercase "may" is the English verb, not the month
    month = MONTHS.get(groups["month"].lower().rstrip("."), 0) if groups.get("month") else 0
    if not month and groups.get("month"):
        month = next(
            num for name, num in MONTHS.items() if groups["month"].lower().startswith(name)
        )
    if groups.get("m"):
        month = int(groups["m"])
    day = int(groups["d"]) if groups.get("d") else None
    value = _full_or_partial(year, month, day)
    return {value} if value is not None else set()


def find_dates(text: str) -> Iterator[DateMatch]:
    """Yield every date in the text that reads as a valid calendar value, without overlaps."""
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            span = match.span()
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            values = _values(match)
            if values:
                taken.append(span)
                yield DateMatch(span[0], span[1], frozenset(values))


def date_matches(value: DateValue, known: set[date]) -> bool:
    """Return whether a text date equals a known date (partial dates match on their parts)."""
    if isinstance(value, date):
        return value in known
    kind, first, second = value
    if kind == "md":
        return any((day.month, day.day) == (first, second) for day in known)
    return any((day.year, day.month) == (first, second) for day in known)
