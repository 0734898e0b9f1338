"""Read numbers written in words ("three thousand", "tre tusen", "kolmetuhatta", "femogtyve").

A word is split into number morphemes (Nordic languages write compounds as one word),
and the morphemes are evaluated left to right: units and tens add, ``hundred`` multiplies
what came before, ``thousand``/``million`` close a group. Finnish inflected forms
("kolmentuhannen") are not read.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Literal

Kind = Literal["unit", "teen", "mult", "big", "and"]
Morpheme = tuple[Kind, int]

_UNITS: dict[str, str] = {
    "en": "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen",
    "sv": "noll ett två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton femton "
    "sexton sjutton arton nitton",
    "da": "nul et to tre fire fem seks syv otte ni ti elleve tolv tretten fjorten femten "
    "seksten sytten atten nitten",
    "nb": "null ett to tre fire fem seks sju åtte ni ti elleve tolv tretten fjorten femten "
    "seksten sytten atten nitten",
    "fi": "nolla yksi kaksi kolme neljä viisi kuusi seitsemän kahdeksan yhdeksän kymmenen",
    "is": "núll einn tveir þrír fjórir fimm sex sjö átta níu tíu ellefu tólf þrettán fjórtán "
    "fimmtán sextán sautján átján nítján",
}
_TENS: dict[str, str] = {
    "en": "twenty thirty forty fifty sixty seventy eighty ninety",
    "sv": "tjugo trettio fyrtio femtio sextio sjuttio åttio nittio",
    "da": "tyve tredive fyrre halvtreds tres halvfjerds firs halvfems",
    "nb": "tjue tretti førti femti seksti sytti åtti nitti",
    "fi": "",
    "is": "tuttugu þrjátíu fjörutíu fimmtíu sextíu sjötíu áttatíu níutíu",
}
# Other spellings of one value: articles "en/ei/et", gendered Icelandic forms, Norwegian "syv".
_EXTRA: dict[str, dict[str, int]] = {
    "en": {},
    "sv": {"en": 1},
    "da": {"en": 1},
    "nb": {"en": 1, "ei": 1, "syv": 7},
    "fi": {},
    "is": {
        "ein": 1,
        "eitt": 1,
        "tvær": 2,
        "tvö": 2,
        "þrjár": 3,
        "þrjú": 3,
        "fjórar": 4,
        "fjögur": 4,
    },
}
_SCALE: dict[str, dict[str, Morpheme]] = {
    "en": {
        "hundred": ("mult", 100),
        "thousand": ("big", 1000),
        "million": ("big", 10**6),
        "millions": ("big", 10**6),
        "and": ("and", 0),
    },
    "sv": {
        "hundra": ("mult", 100),
        "tusen": ("big", 1000),
        "miljon": ("big", 10**6),
        "miljoner": ("big", 10**6),
        "och": ("and", 0),
    },
    "da": {
        "hundrede": ("mult", 100),
        "tusind": ("big", 1000),
        "million": ("big", 10**6),
        "millioner": ("big", 10**6),
        "og": ("and", 0),
    },
    "nb": {
        "hundre": ("mult", 100),
        "tusen": ("big", 1000),
        "million": ("big", 10**6),
        "millioner": ("big", 10**6),
        "og": ("and", 0),
    },
    "fi": {
        "toista": ("teen", 10),
        "kymmentä": ("mult", 10),
        "sata": ("mult", 100),
        "sataa": ("mult", 100),
        "tuhat": ("big", 1000),
        "tuhatta": ("big", 1000),
        "miljoona": ("big", 10**6),
        "miljoonaa": ("big", 10**6),
    },
    "is": {
        "hundrað": ("mult", 100),
        "þúsund": ("big", 1000),
        "milljón": ("big", 10**6),
        "milljónir": ("big", 10**6),
        "og": ("and", 0),
    },
}
MAX_WORD = 48
"""Longer words are never number words (the longest Finnish numbers are about 40 letters)."""

ONE_WORDS = frozenset({"one", "en", "ett", "et", "ei", "yksi", "einn", "ein", "eitt"})
"""Words for 1 that are also articles or pronouns: alone they are never a figure."""


@lru_cache(maxsize=16)
def morphemes(language: str) -> dict[str, Morpheme]:
    """Return the number morphemes of a language (English ones are always included)."""
    table: dict[str, Morpheme] = {}
    for lang in dict.fromkeys(("en", language)):
        table.update({word: ("unit", value) for value, word in enumerate(_UNITS[lang].split())})
        tens = _TENS[lang].split()
        table.update({word: ("unit", 20 + 10 * index) for index, word in enumerate(tens)})
        table.update({word: ("unit", value) for word, value in _EXTRA[lang].items()})
        table.update(_SCALE[lang])
    return table


def segment(word: str, table: dict[str, Morpheme]) -> list[Morpheme] | None:
    """Split one word into number morphemes, or return None if it is not a number word."""
    if len(word) > MAX_WORD:
        return None
    best: list[list[Morpheme] | None] = [None] * (len(word) + 1)
    best[0] = []
    for end in range(1, len(word) + 1):
        for start in range(end):
            head, piece = best[start], word[start:end]
            if head is not None and piece in table:
                best[end] = [*head, table[piece]]
                break
    parts = best[len(word)]
    return parts if parts and well_formed(parts) else None


def well_formed(parts: list[Morpheme], open_end: bool = False) -> bool:
    """Reject morpheme runs no language writes, such as two units in a row ("en"+"tre").

    Args:
        parts: The morphemes, in order.
        open_end: Allow a trailing "and" (the run may still continue).
    """
    if parts[0][0] == "and" or (parts[-1][0] == "and" and not open_end):
        return False
    for left, right in zip(parts, parts[1:], strict=False):
        if left[0] == "unit" and right[0] == "unit" and not (left[1] >= 20 and right[1] < 10):
            return False
    for left, middle, right in zip(parts, parts[1:], parts[2:], strict=False):
        # "hundred and five", Danish "fem og tyve"; never "three and four".
        joined = left[0] in ("mult", "big") or (left[1] < 10 and right[1] >= 20)
        if middle[0] == "and" and not joined:
            return False
    return True


def evaluate(parts: list[Morpheme]) -> Decimal:
    """Return the value of a morpheme run (e.g. three, thousand, five, hundred -> 3500)."""
    total, current = 0, 0
    for kind, value in parts:
        if kind in ("unit", "teen"):
            current += value
        elif kind == "mult":
            current = (current or 1) * value
        elif kind == "big":
            total += (current or 1) * value
            current = 0
    return Decimal(total + current)
