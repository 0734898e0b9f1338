"""Contact details in a draft (links, e-mail addresses, phone numbers) and where they come from.

A draft may carry a contact detail only when the facts hold it (the recipient's own e-mail or
phone, the customer's) or the insurer's settings do (website, e-mail, phone, the advisor's
address), passed to the gate as ``ComplianceContext.known_contacts``. Anything else was
invented, by a model or a person, and blocks. A citation id (``doc@ver#n``) belongs in a
trailing bracketed marker, never in the customer's words (an address, a word in a sentence).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from copilot.citations import CITATION
from copilot.compliance.models import Finding

if TYPE_CHECKING:  # the figure reader imports this module, and CheckInput imports the reader
    from copilot.compliance.check_input import CheckInput

ContactKind = Literal["url", "email", "phone"]

URL = (
    r"(?:https?://|www\.)[^\s<>()\[\]\"']+"
    r"|(?-i:(?<![\w.@/-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|eu|se|no|dk|fi|is|io|example)"
    r"(?:/[^\s<>()\[\]\"']*)?(?![\w@-]))"
)
"""A link: with a scheme or ``www.``, or a bare lower-case host under a common top-level domain."""
EMAIL = r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])"
"""An e-mail address (the domain ends in letters, so a citation id ``doc@1.0#2`` is not one)."""
PHONE = (
    r"\+\d[\d \-()]{6,}\d"
    r"|(?<![\w.,])0\d{1,3}[- ]\d{2,4}(?:[ -]?\d{2,4}){1,3}(?![\w])"
    r"|(?i:\b(?:tel|phone|puh|tlf|tfn|telefon|sími|simi|mobil)\.?:?\s*(?:nr\.?\s*)?)"
    r"[\d \-+()]{6,}\d"
)
"""A phone number: international, national with a trunk 0, or after a phone word."""
CONTACT = re.compile(
    rf"(?P<email>{EMAIL})|(?P<url>{URL})|(?P<phone>{PHONE})", re.IGNORECASE | re.UNICODE
)
"""Any contact detail; the figure reader skips these spans (they are not figures)."""

_CALL_WORDS = re.compile(
    r"(?i)\b(?:ring\w*|call\w*|soit\w*|hringd?\w*|kontakt\w*|reach)\b(?:\s+\w+){0,3}?\s+"
    r"(?P<number>\d[\d \-]{6,}\d)(?![\d])"
)
"""A number after a call verb within three words ("ring oss gjerne på 22 33 44 55")."""

CHUNK_ID = re.compile(
    r"(?<![\w@])" + CITATION.pattern.removeprefix(r"\[(").removesuffix(r")\]") + r"(?!\d)"
)
"""A chunk id on its own, derived from the one citation-marker pattern in copilot.citations."""

_TRAILING = ".,;:!?)'\""
_COUNTRY_CODES = ("358", "354", "46", "47", "45")


@dataclass(frozen=True)
class ContactDetail:
    """A contact detail found in text, with the form it is compared in."""

    kind: ContactKind
    text: str
    key: str
    """Normalised form: host and path lower-case, e-mail lower-case, phone national digits."""


def normalise(kind: ContactKind, text: str) -> str:
    """Return the form two contact details are compared in.

    URLs lose the scheme, ``www.``, case and trailing slash; e-mail addresses their case;
    phone numbers keep their national digits (``+46 8 555 010 00`` equals ``08-555 010 00``).
    """
    value = text.strip().rstrip(_TRAILING)
    if kind == "url":
        value = re.sub(r"(?i)^https?://", "", value)
        value = re.sub(r"(?i)^www\.", "", value)
        return value.rstrip("/").casefold()
    if kind == "email":
        return value.casefold()
    digits = re.sub(r"\D", "", value)
    if value.startswith("+") or digits.startswith("00"):
        digits = digits.removeprefix("00")
        digits = next(
            (digits[len(code) :] for code in _COUNTRY_CODES if digits.startswith(code)), digits
        )
    return digits.removeprefix("0")


def find_contacts(text: str) -> Iterator[ContactDetail]:
    """Yield every link, e-mail address and phone number in a text, in text order."""
    spans: list[tuple[int, int]] = []
    for match in CONTACT.finditer(text):
        kind: ContactKind = "email" if match["email"] else "url" if match["url"] else "phone"
        found = match.group(0).rstrip(_TRAILING)
        spans.append(match.span())
        yield ContactDetail(kind, found, normalise(kind, found))
    for match in _CALL_WORDS.finditer(text):
        if not any(start <= match.start("number") < end for start, end in spans):
            number = match["number"]
            yield ContactDetail("phone", number, normalise("phone", number))


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def known_contact_keys(facts: object, known: Iterable[str]) -> set[str]:
    """Return the normalised contact details the facts and the settings hold.

    A fact or setting that is a bare phone number ("+46 70 123 45 67") counts as one even
    without a phone word before it.
    """
    keys: set[str] = set()
    for value in [*_strings(facts), *known]:
        keys.update(detail.key for detail in find_contacts(value))
        if re.fullmatch(r"\+?[\d \-()]{6,}\d", value.strip()):
            keys.add(normalise("phone", value))
    return keys


def check_contacts(check: CheckInput) -> list[Finding]:
    """Flag links, e-mail addresses and phone numbers neither the facts nor the settings hold."""
    text = CHUNK_ID.sub(" ", CITATION.sub(" ", check.text))
    known = known_contact_keys(check.facts, check.context.known_contacts)
    return [
        Finding(
            rule="contact.unverified",
            severity="block",
            message=f"The {detail.kind} {detail.text!r} is not in the facts or the insurer's"
            " settings; use the insurer's website, e-mail or phone, or the recipient's own.",
            excerpt=detail.text,
        )
        for detail in find_contacts(text)
        if detail.key not in known
    ]


def check_citation_ids(check: CheckInput) -> list[Finding]:
    """Flag a chunk id used in the customer's words rather than as a bracketed marker."""
    text = CITATION.sub(" ", check.text)
    return [
        Finding(
            rule="citations.id_in_text",
            severity="block",
            message=f"The source id {match.group(0)!r} is used in the text; sources go in a"
            " bracketed marker after the sentence, never as an address or a word.",
            excerpt=match.group(0),
        )
        for match in CHUNK_ID.finditer(text)
    ]
