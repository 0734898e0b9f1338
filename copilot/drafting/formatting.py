"""Write the tools' figures as each language writes them: formatting only, never arithmetic.

Amounts keep the value the tool gave (cents only when the tool gave cents), percentages and
dates are copied; only the separators, the currency word and the month name change. Every
form here is one the compliance gate reads back to the same value (see
copilot/compliance/figures.py and dates.py).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, Field


class NumberStyle(BaseModel):
    """How one language writes numbers, euro amounts, percentages and long dates."""

    thousands: str = Field(description="Thousands separator.")
    decimal: str = Field(description="Decimal separator.")
    euro: str = Field(description="Amount pattern with {amount}, e.g. '{amount} euro'.")
    euro_range: str = Field(description="Range pattern with {low} and {high} (bare numbers).")
    percent: str = Field(description="Percent pattern with {value}, e.g. '{value} %'.")
    date: str = Field(description="Date pattern with {day}, {month} (or {month_number}), {year}.")
    months: tuple[str, ...] = Field(description="Month names, January first, as in a date.")


_NBSP = "\u00a0"
STYLES: dict[str, NumberStyle] = {
    "en": NumberStyle(
        thousands=",",
        decimal=".",
        euro="EUR {amount}",
        euro_range="EUR {low} to EUR {high}",
        percent="{value}%",
        date="{day} {month} {year}",
        months=(
            "January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December",
        ),
    ),
    "sv": NumberStyle(
        thousands=_NBSP,
        decimal=",",
        euro="{amount} euro",
        euro_range="{low}–{high} euro",
        percent="{value} %",
        date="{day} {month} {year}",
        months=(
            "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
            "september", "oktober", "november", "december",
        ),
    ),
    "nb": NumberStyle(
        thousands=_NBSP,
        decimal=",",
        euro="{amount} euro",
        euro_range="{low}–{high} euro",
        percent="{value} %",
        date="{day}. {month} {year}",
        months=(
            "januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
            "september", "oktober", "november", "desember",
        ),
    ),
    "da": NumberStyle(
        thousands=".",
        decimal=",",
        euro="{amount} euro",
        euro_range="{low}–{high} euro",
        percent="{value} %",
        date="{day}. {month} {year}",
        months=(
            "januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
            "september", "oktober", "november", "december",
        ),
    ),
    "fi": NumberStyle(
        thousands=_NBSP,
        decimal=",",
        euro="{amount} euroa",
        euro_range="{low}–{high} euroa",
        percent="{value} %",
        date="{day}.{month_number}.{year}",
        months=(
            "tammikuuta", "helmikuuta", "maaliskuuta", "huhtikuuta", "toukokuuta",
            "kesäkuuta", "heinäkuuta", "elokuuta", "syyskuuta", "lokakuuta", "marraskuuta",
            "joulukuuta",
        ),
    ),
    "is": NumberStyle(
        thousands=".",
        decimal=",",
        euro="{amount} evrur",
        euro_range="{low}–{high} evrur",
        percent="{value}%",
        date="{day}. {month} {year}",
        months=(
            "janúar", "febrúar", "mars", "apríl", "maí", "júní", "júlí", "ágúst",
            "september", "október", "nóvember", "desember",
        ),
    ),
}  # fmt: skip
"""The number style of every template language."""


def style(language: str) -> NumberStyle:
    """Return a language's number style (English for a language without one)."""
    return STYLES.get(language, STYLES["en"])


def format_number(value: float | int | Decimal, language: str) -> str:
    """Write a number as the tool gave it, with the language's separators.

    Whole numbers print without decimals; otherwise the tool's own decimals are kept
    (``str`` of the value), so nothing is rounded into a new figure.
    """
    number = Decimal(str(value))
    whole, _, fraction = f"{abs(number):f}".partition(".")
    fraction = fraction.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", style(language).thousands)
    sign = "-" if number < 0 else ""
    return sign + grouped + (style(language).decimal + fraction if fraction else "")


def format_eur(amount: float, language: str = "en") -> str:
    """Write a euro amount as the tool gave it ("EUR 1,790", "1 790 euro")."""
    return style(language).euro.format(amount=format_number(amount, language))


def price_range(low: float, high: float, language: str = "en") -> str:
    """Write an indicative range exactly as the quote tool gave it."""
    if low == high:
        return format_eur(low, language)
    pattern = style(language).euro_range
    return pattern.format(low=format_number(low, language), high=format_number(high, language))


def format_percent(value: float, language: str) -> str:
    """Write a percentage the tool gave ("42.9%", "42,9 %")."""
    return style(language).percent.format(value=format_number(value, language))


def format_date(day: date, language: str) -> str:
    """Write a date in the language's long form ("21 januari 2027"); Finnish: "21.1.2027".

    Finnish is written numerically because the gate (copilot/compliance/dates.py) reads
    "marraskuuta" as March (its prefix "mar"); the numeric form is as natural in Finnish.
    """
    chosen = style(language)
    return chosen.date.format(
        day=day.day, month=chosen.months[day.month - 1], month_number=day.month, year=day.year
    )
