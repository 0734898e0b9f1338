"""Contact persons of the generated customers: 1-3 per company, exactly one of them primary.

Drawn from a random stream of their own (``contact_stream``), so adding contacts to the
generator leaves every other generated table exactly as it was. The primary contact is the
person the company's consent record was taken from: their consent per channel is the
customer's; the others have their own. Names are the country's, e-mail addresses are on the
company's domain (the reserved ``.example`` top-level domain: the book is synthetic) and
phone numbers are mobile numbers in the country's format.
"""

from __future__ import annotations

import functools
import random
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from tools.book.generator.firmographics import SIZE_BOUNDS
from tools.book.generator.nordic_names import (
    FIRST_NAMES,
    ICELANDIC_FATHERS,
    LAST_NAMES,
    PATRONYMIC_ENDING,
)

CONTACT_COUNT: dict[str, tuple[float, float, float]] = {
    "micro": (0.5, 0.4, 0.1),
    "small": (0.2, 0.45, 0.35),
    "medium": (0.0, 0.4, 0.6),
}
"""Share of companies of each size band with 1, 2 and 3 contact persons."""
PRIMARY_ROLE: dict[str, tuple[tuple[str, float], ...]] = {
    "micro": (("owner", 1.0),),
    "small": (("ceo", 0.75), ("owner", 0.25)),
    "medium": (("ceo", 1.0),),
}
"""Role of the primary contact by size band: the owner runs a micro company."""
OTHER_ROLES: dict[str, tuple[str, ...]] = {
    "micro": ("office_manager", "finance", "sales"),
    "small": ("cfo", "hr", "operations", "office_manager", "sales"),
    "medium": ("cfo", "hr", "operations", "it", "coo"),
}
"""Roles of the other contacts by size band (each at most once per company)."""
OWN_CONSENT: dict[str, float] = {"email": 0.75, "phone": 0.65, "portal": 0.6}
"""Chance that a non-primary contact gave consent on a channel (10 % refused, else unknown)."""
REFUSED = 0.1
OTHER_LANGUAGE: dict[str, tuple[str, float]] = {
    "SE": ("en", 0.04),
    "NO": ("en", 0.04),
    "DK": ("en", 0.04),
    "FI": ("sv", 0.08),
    "IS": ("en", 0.06),
}
"""A non-primary contact's other language and its chance (Finland-Swedes speak Swedish)."""
OBJECTION = 0.02
"""Chance that a non-primary contact objected to direct marketing themselves."""
LEGAL_FORMS = ("AB", "AS", "ApS", "Oy", "ehf")
ASCII = str.maketrans({"ø": "o", "æ": "ae", "ð": "d", "þ": "th", "ß": "ss"})


def contact_stream(seed: int, batch: int) -> random.Random:
    """Return the contacts' own random stream of one batch (no other table draws from it)."""
    return random.Random(f"{seed}-contacts-{batch}")


def _band(employees: int) -> str:
    return next((band for band, (_, high) in SIZE_BOUNDS.items() if employees <= high), "medium")


def _pick(rng: random.Random, weighted: Sequence[tuple[Any, float]]) -> Any:
    draw, total = rng.random(), 0.0
    for value, share in weighted:
        total += share
        if draw < total:
            return value
    return weighted[-1][0]


@functools.lru_cache(maxsize=4096)  # names repeat: the fold is the contacts' costliest step
def ascii_name(text: str) -> str:
    """Return a name as lower-case ASCII for an e-mail address ("Åberg" -> "aberg")."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(ASCII))
    return "".join(ch for ch in folded if ch.isascii() and ch.isalnum())


def company_domain(name: str) -> str:
    """Return the company's e-mail domain ("Nordholm Data AB" -> "nordholmdata.example")."""
    words = [w for w in name.split() if w not in LEGAL_FORMS]
    return f"{''.join(ascii_name(w) for w in words)}.example"


PHONE_FORMATS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "SE": ("+46", ("70", "72", "73", "76", "79"), "### ## ##"),
    "NO": ("+47", ("4", "9"), "## ## ###"),
    "DK": ("+45", ("2", "3", "4", "5"), "# ## ## ##"),
    "FI": ("+358", ("40", "41", "44", "45", "50"), "### ####"),
    "IS": ("+354", ("6", "7", "8"), "## ####"),
}
"""Per country: calling code, mobile prefixes and the digits after them as the country
groups them (Sweden +46 70 123 45 67, Norway +47 912 34 567, Denmark +45 21 23 45 67,
Finland +358 40 123 4567, Iceland +354 612 3456)."""


def mobile_number(rng: random.Random, country: str) -> str:
    """Return a mobile number written the way the country writes it."""
    code, prefixes, groups = PHONE_FORMATS[country]
    prefix = rng.choice(prefixes)
    digits = "".join(str(rng.randrange(10)) if ch == "#" else ch for ch in groups)
    if len(prefix) == 1:  # the prefix is the first digit of the first group
        return f"{code} {prefix}{digits}"
    return f"{code} {prefix} {digits}"


def person_name(rng: random.Random, country: str) -> tuple[str, str]:
    """Return a given name and a family name as people in the country are named."""
    gender = rng.choice(("f", "m"))
    first = rng.choice(FIRST_NAMES[country][gender])
    if country == "IS":
        return first, rng.choice(ICELANDIC_FATHERS) + PATRONYMIC_ENDING[gender]
    return first, rng.choice(LAST_NAMES[country])


def _own_consent(rng: random.Random, channel: str) -> bool | None:
    draw, given = rng.random(), OWN_CONSENT[channel]
    if draw < given:
        return True
    return False if draw < given + REFUSED else None


def _roles(rng: random.Random, band: str) -> list[str]:
    count = _pick(rng, list(zip((1, 2, 3), CONTACT_COUNT[band], strict=True)))
    others = rng.sample(OTHER_ROLES[band], count - 1)
    return [_pick(rng, PRIMARY_ROLE[band]), *others]


def _person(
    rng: random.Random, customer: Mapping[str, Any], number: int, role: str, taken: set[str]
) -> dict[str, Any]:
    country, primary = str(customer["country"]), number == 1
    first, last = person_name(rng, country)
    local = f"{ascii_name(first)}.{ascii_name(last)}"
    while local in taken:  # two namesakes at one company
        local += str(number)
    taken.add(local)
    other, share = OTHER_LANGUAGE[country]
    language = other if not primary and rng.random() < share else customer["language"]
    consent = {
        channel: customer[f"consent_{channel}"] if primary else _own_consent(rng, channel)
        for channel in ("email", "phone", "portal")
    }
    return {
        "id": f"{customer['id']}-{number}",
        "customer_id": customer["id"],
        "first_name": first,
        "last_name": last,
        "role": role,
        "email": f"{local}@{company_domain(str(customer['name']))}",
        "phone": mobile_number(rng, country),
        "language": language,
        "is_primary": primary,
        "consent_email": consent["email"],
        "consent_phone": consent["phone"],
        "consent_portal": consent["portal"],
        "objection_to_marketing": (not primary) and rng.random() < OBJECTION,
    }


def contact_rows(
    rng: random.Random, customers: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Return 1-3 contact persons per customer row, the first of each company primary.

    Args:
        rng: The contacts' own stream (``contact_stream``).
        customers: Customer rows as the generator writes them (id, name, country,
            employees, language and consent per channel).
    """
    rows: list[dict[str, Any]] = []
    for customer in customers:
        taken: set[str] = set()
        roles = _roles(rng, _band(int(customer["employees"])))
        rows += [
            _person(rng, customer, number, role, taken)
            for number, role in enumerate(roles, start=1)
        ]
    return rows
