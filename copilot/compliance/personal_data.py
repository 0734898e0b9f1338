"""Personal data the message must not carry: special-category data and personal identifiers."""

from __future__ import annotations

import re
from datetime import date

from copilot.compliance.check_input import CheckInput
from copilot.compliance.concepts import find_concepts
from copilot.compliance.lexicon import Concept
from copilot.compliance.models import Finding
from copilot.compliance.tokens import excerpt

SPECIAL_WINDOW = 4
"""A special-category term within this many words of the reader or a person is about them."""

_SWEDISH = re.compile(
    r"(?<![\d-])(?:\d{2})?(\d{6})[-+](\d{4})(?!\d)|(?<!\d)(?:19|20)(\d{6})(\d{4})(?!\d)"
)
_DANISH = re.compile(r"(?<![\d-])(\d{2})(\d{2})(\d{2})-(\d{4})(?!\d)")
_NORWEGIAN = re.compile(r"(?<!\d)(\d{6}) ?(\d{5})(?!\d)")
_FINNISH = re.compile(r"(?<![\w-])(\d{6})([-+A-FU-Y])(\d{3})([0-9A-Y])(?![\w])")
_CARD = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def luhn_valid(digits: str) -> bool:
    """Return whether a digit string passes the Luhn check (cards, Swedish personnummer)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _valid_day(day: int, month: int, year: int) -> bool:
    try:
        date(2000 + year if year < 100 else year, month, day)
    except ValueError:
        return False
    return True


def _swedish(match: re.Match[str]) -> bool:
    birth, serial = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
    year, month, day = int(birth[:2]), int(birth[2:4]), int(birth[4:])
    day = day - 60 if day > 60 else day  # samordningsnummer
    return _valid_day(day, month, year) and luhn_valid(birth + serial)


def _danish(match: re.Match[str]) -> bool:
    day, month, year = (int(group) for group in match.group(1, 2, 3))
    return _valid_day(day, month, year)


def _norwegian(match: re.Match[str]) -> bool:
    digits = [int(char) for char in match.group(1) + match.group(2)]
    first = 11 - sum(w * d for w, d in zip((3, 7, 6, 1, 8, 9, 4, 5, 2), digits, strict=False)) % 11
    second = (
        11 - sum(w * d for w, d in zip((5, 4, 3, 2, 7, 6, 5, 4, 3, 2), digits, strict=False)) % 11
    )
    first, second = first % 11, second % 11
    day = digits[0] * 10 + digits[1]
    day = day - 40 if day > 40 else day  # D-nummer
    valid_day = _valid_day(day, digits[2] * 10 + digits[3], digits[4] * 10 + digits[5])
    return valid_day and first != 10 and (first, second) == (digits[9], digits[10])


def _finnish(match: re.Match[str]) -> bool:
    birth, serial, check = match.group(1), match.group(3), match.group(4)
    valid_day = _valid_day(int(birth[:2]), int(birth[2:4]), int(birth[4:]))
    return valid_day and _HETU_CHECK[int(birth + serial) % 31] == check


def _card(match: re.Match[str]) -> bool:
    return luhn_valid(re.sub(r"\D", "", match.group(0)))


_IDENTIFIERS = (
    (_SWEDISH, _swedish, "a Swedish personnummer"),
    (_DANISH, _danish, "a Danish CPR number"),
    (_NORWEGIAN, _norwegian, "a Norwegian fødselsnummer"),
    (_FINNISH, _finnish, "a Finnish henkilötunnus"),
    (_CARD, _card, "a payment card number"),
)


_NAMED_ID = re.compile(
    r"(?i)(personnum|personnr|samordningsnum|cpr|fødselsnum|fødselsnr|"
    r"henkilötunnu|hetu|kennitala|national id|personal id|social security)\w*\W{1,4}(\S+\s*)?$"
)
"""An identity number named as such just before the digits (then its check digit is moot)."""


def _named(text: str, start: int) -> bool:
    return _NAMED_ID.search(text[max(0, start - 40) : start]) is not None


def check_personal_identifiers(check: CheckInput) -> list[Finding]:
    """Flag national identity numbers (SE, DK, NO, FI) and Luhn-valid card numbers.

    A number of an identity-number shape counts when its check digits are valid, or when the
    text names it as one ("personnummer 850312-1234"): a mistyped id is still personal data.
    """
    findings: list[Finding] = []
    for pattern, is_valid, label in _IDENTIFIERS:
        for match in pattern.finditer(check.text):
            if is_valid(match) or (
                label != "a payment card number" and _named(check.text, match.start())
            ):
                findings.append(
                    Finding(
                        rule="privacy.personal_identifier",
                        severity="block",
                        message=f"The text carries {label}; an outreach message never needs one.",
                        excerpt=match.group(0),
                    )
                )
    return findings


def _names(check: CheckInput) -> list[str]:
    """Return the known people's names written as names in the text, as lexicon words.

    Each part of a name counts on its own, and only when the text writes it capitalised:
    a recipient called Per does not turn "per year" into a person.
    """
    parts = {part for name in check.context.person_names for part in name.split()}
    return [
        part.casefold()
        for part in sorted(parts)
        if part[:1].isupper() and re.search(rf"(?<!\w){re.escape(part)}(?!\w)", check.text)
    ]


def check_special_category(check: CheckInput) -> list[Finding]:
    """Flag special-category data (health, religion, union, orientation...) about a person.

    A general term (illness, religion, sick leave) counts when it is near the reader ("your
    diagnosis") or near one person the text talks about ("the CEO is on sick leave", or a
    name the tools know: "Sarah is on sick leave"); a
    product description ("pays for illness of staff") names no one. Terms that only ever
    describe a person (diagnosed, pregnant, a union member, expecting a baby) count on
    their own.
    """
    about = Concept(
        id="special_category",
        slots=[
            check.lexicon.second_person + check.claims.person_terms + _names(check),
            check.claims.special_category,
        ],
        window=SPECIAL_WINDOW,
        negatable=False,
    )
    alone = Concept(
        id="special_category_strong",
        slots=[check.claims.special_category_strong],
        window=0,
        negatable=False,
    )
    return [
        Finding(
            rule="privacy.special_category",
            severity="block",
            message="Special-category personal data (GDPR Art. 9) about the customer must never"
            " appear in outreach.",
            excerpt=excerpt(check.text, check.tokens, hit.first, hit.last),
        )
        for hit in find_concepts(
            check.tokens, [about, alone, *check.claims.special_category_concepts], ()
        )
    ]
