"""Find every figure in a text (digits, words, percentages, dates, times) as canonical values.

What is *not* a figure (the structural whitelist, kept deliberately small):
- list markers at the start of a line ("1.", "2)");
- "24/7" (an availability phrase, not a quantity);
- article/section references ("Art. 21", "§ 5", "section 3");
- URLs, e-mail addresses, phone numbers (``contacts.CONTACT``: a leading "+" or "0", or
  after "tel"/"phone") and chunk ids outside brackets (``contacts.CHUNK_ID``);
- bracketed citation markers ("[1]", "[kb:cyber-02]");
- the word "one" and its Nordic equivalents standing alone (they are also articles).
Every other number, including small counts written in digits or words, must be grounded.

Readings: a separator followed by exactly three digits groups thousands ("3.000",
"3,000", "3 000", "3'000" are all 3000); "k"/"M"/"thousand"/"miljoner" scale the
number, and the unscaled value is kept as a second candidate (facts may hold 2.1 for
"EUR 2.1M"); signs are ignored ("-60 days" and "60 days before" are the same figure).
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from copilot.compliance.contacts import CHUNK_ID, CONTACT
from copilot.compliance.dates import DateValue, find_dates
from copilot.compliance.number_words import (
    ONE_WORDS,
    Morpheme,
    evaluate,
    morphemes,
    segment,
    well_formed,
)

FigureKind = Literal["number", "percent", "date", "time"]
FigureValue = Decimal | DateValue | str


@dataclass(frozen=True)
class Figure:
    """A figure found in text: its kind, the text it was read from, its candidate values."""

    kind: FigureKind
    text: str
    values: frozenset[FigureValue]


_STRUCTURAL = re.compile(
    r"(?im)^[ \t]*[-*\u2022]?[ \t]*\d{1,2}[.)](?=\s)"
    r"|\b24/7\b"
    r"|(?:\b(?:art(?:icle|ikel|ikla)?|section|chapter|kap(?:itel)?|luku)\.?|§)\s*\d+(?:\(\d+\))*"
    rf"|{CONTACT.pattern}|{CHUNK_ID.pattern}"
    r"|\[[^\]\n]{1,80}\]"
)
_CURRENCY_GLUE = re.compile(r"(?i)\b(EUR|SEK|NOK|DKK|ISK|kr)(?=\d)|(?<=\d)(EUR|SEK|NOK|DKK|kr)\b")
_NUMBER = re.compile(
    r"(?<![\w.,])(?P<num>\d{1,3}(?:[ '\u2019]\d{3})+(?:[.,]\d+)?"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,3}(?:\.\d{3})+(?:,\d+)?"
    r"|\d+(?:[.,]\d+)?)"
    r"(?:\s?(?P<suffix>k|m|mn|mio|bn|mrd|st|nd|rd|th|:e)\.?)?(?![^\W_])",
    re.IGNORECASE,
)
_SCALES: dict[str, int] = {
    "k": 1000,
    "thousand": 1000,
    "tusen": 1000,
    "tusind": 1000,
    "tuhatta": 1000,
    "þúsund": 1000,
    "m": 10**6,
    "mn": 10**6,
    "mio": 10**6,
    "million": 10**6,
    "millions": 10**6,
    "miljon": 10**6,
    "miljoner": 10**6,
    "millioner": 10**6,
    "miljoonaa": 10**6,
    "milljón": 10**6,
    "milljónir": 10**6,
    "bn": 10**9,
    "mrd": 10**9,
    "billion": 10**9,
    "miljard": 10**9,
    "miljarder": 10**9,
    "milliard": 10**9,
    "milliarder": 10**9,
}
_SCALE_WORD = re.compile(r"\s+(" + "|".join(sorted(_SCALES, key=len, reverse=True)) + r")\b", re.I)
_PERCENT = re.compile(
    r"\s?%|\s*(?:per\s?cent|percent|pct|procent|prosent|prosentti\w*|prósent\w*)\b", re.I
)
# "10:00" anywhere; "10.00" only after "kl"/"klo" (otherwise it is a decimal number).
_TIME = re.compile(
    r"(?<![\w:.])(?:(?:kl|klo)\.?\s*(?P<h>[01]?\d|2[0-3])[:.]|(?P<h2>[01]?\d|2[0-3]):)"
    r"(?P<m>[0-5]\d)(?![\w:])",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+")
_DAY_MONTH = re.compile(r"(?<![\w.,])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?!\d)")


def _mask(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def parse_number(raw: str) -> Decimal | None:
    """Return the value of a digit string, reading 3-digit groups as thousands."""
    compact = re.sub(r"[ '\u2019]", "", raw)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", compact):
        compact = compact.replace(",", "")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", compact):
        compact = compact.replace(".", "").replace(",", ".")
    else:
        compact = compact.replace(",", ".")
    try:
        return Decimal(compact)
    except InvalidOperation:
        return None


def _percent_or_number(text: str, end: int) -> tuple[FigureKind, int]:
    after = _PERCENT.match(text, end)
    return ("percent", after.end()) if after else ("number", end)


def _digit_figures(text: str) -> tuple[list[Figure], str]:
    figures: list[Figure] = []
    for match in list(_NUMBER.finditer(text)):
        value = parse_number(match.group("num"))
        if value is None:
            continue
        values: set[FigureValue] = {value}
        end = match.end()
        suffix = (match.group("suffix") or "").lower()
        scale_word = _SCALE_WORD.match(text, end)
        scale = _SCALES.get(suffix) or (_SCALES[scale_word.group(1).lower()] if scale_word else 0)
        if scale_word and not suffix:
            end = scale_word.end()
        if scale:
            values.add(value * scale)
        kind, end = _percent_or_number(text, end)
        figures.append(Figure(kind, text[match.start() : end].strip(), frozenset(values)))
        text = _mask(text, match.start(), end)
    return figures, text


Run = list[tuple[re.Match[str], list[Morpheme]]]


def _word_parts(word: str, table: dict[str, Morpheme]) -> list[Morpheme] | None:
    lowered = word.lower()
    if table.get(lowered, ("unit", 0))[0] == "and":
        return [table[lowered]]
    return segment(lowered, table)


def _word_figures(text: str, language: str) -> list[Figure]:
    table = morphemes(language)
    figures: list[Figure] = []
    run: Run = []
    for match in _WORD.finditer(text):
        parts = _word_parts(match.group(0), table)
        gap = text[run[-1][0].end() : match.start()] if run else ""
        joined = [part for _, listed in run for part in listed] + (parts or [])
        if parts and run and re.fullmatch(r"[\s-]*", gap) and well_formed(joined, open_end=True):
            run.append((match, parts))
            continue
        figures.extend(_close_run(text, run))
        run = [(match, parts)] if parts and parts[0][0] != "and" else []
    return figures + _close_run(text, run)


def _close_run(text: str, run: Run) -> list[Figure]:
    while run and run[-1][1][-1][0] == "and":
        run = run[:-1]
    if not run or (len(run) == 1 and run[0][0].group(0).lower() in ONE_WORDS):
        return []
    parts = [part for _, listed in run for part in listed]
    kind, end = _percent_or_number(text, run[-1][0].end())
    phrase = text[run[0][0].start() : end].strip()
    return [Figure(kind, phrase, frozenset({evaluate(parts)}))]


def _day_month_figures(text: str) -> tuple[list[Figure], str]:
    """Read "15.12." as 15 December or as the decimal 15.12 (a sentence may end after it)."""
    figures: list[Figure] = []
    for match in list(_DAY_MONTH.finditer(text)):
        day, month = int(match.group("d")), int(match.group("m"))
        values: set[FigureValue] = {Decimal(f"{day}.{match.group('m')}")}
        if 1 <= month <= 12 and 1 <= day <= monthrange(2000, month)[1]:
            values.add(("md", month, day))
        figures.append(Figure("date", match.group(0), frozenset(values)))
        text = _mask(text, *match.span())
    return figures, text


def extract_figures(text: str, language: str = "en") -> list[Figure]:
    """Return every figure in the text, in the order: dates, times, digits, words."""
    text = _CURRENCY_GLUE.sub(lambda m: f"{m.group(1)} " if m.group(1) else f" {m.group(2)}", text)
    text = re.sub(r"[\u00a0\u2007\u2009\u202f]", " ", text)
    for match in list(_STRUCTURAL.finditer(text)):
        text = _mask(text, *match.span())
    figures: list[Figure] = []
    for found in list(find_dates(text)):
        figures.append(Figure("date", text[found.start : found.end], frozenset(found.values)))
        text = _mask(text, found.start, found.end)
    for match in list(_TIME.finditer(text)):
        clock = f"{int(match.group('h') or match.group('h2')):02d}:{match.group('m')}"
        figures.append(Figure("time", match.group(0), frozenset({clock})))
        text = _mask(text, *match.span())
    short_dates, text = _day_month_figures(text)
    digit_figures, text = _digit_figures(text)
    return figures + short_dates + digit_figures + _word_figures(text, language)
