"""Which language a text is written in, and which of its passages are in another one.

Public interface (the drafting suite measures its drafts with it too):

- ``text_language(text) -> str | None``: the language of a whole text as one of the
  lexicon codes ``en sv nb da fi is``, or None when there are too few words to tell or the
  text is in none of them.
- ``foreign_passages(text, expected, ignore=()) -> list[str]``: the sentences and lines
  written in another language than ``expected``.

Both read only words: citation markers, links, e-mail addresses, phone numbers, figures,
product codes (``CYBER``, ``D&O``), capitalised names inside a sentence (people, companies,
product names) and the strings in ``ignore`` (the insurer's name) are removed first.
Danish and Norwegian bokmål look alike on a few words ("Med venlig hilsen" and "Med vennlig
hilsen"): a line of at most ``LOOKALIKE_WORDS`` words in one of them passes for the other,
and any two Scandinavian languages pass for each other on lines of at most
``SCANDINAVIAN_WORDS`` words; a whole text longer than that is judged strictly.

The detector is lingua (``lingua-language-detector``), restricted to the six languages,
Nynorsk (read as Norwegian) and German, and built once, lazily, on first use (about 1.5 s
with its models preloaded; nothing is downloaded, the models ship with the package).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from copilot.citations import CITATION
from copilot.compliance.contacts import CHUNK_ID, CONTACT
from copilot.compliance.models import normalise_language

CODES: dict[Language, str] = {
    Language.ENGLISH: "en",
    Language.SWEDISH: "sv",
    Language.BOKMAL: "nb",
    Language.NYNORSK: "nb",
    Language.DANISH: "da",
    Language.FINNISH: "fi",
    Language.ICELANDIC: "is",
    Language.GERMAN: "de",
}
"""The detector's languages and the codes they are reported as (German only as foreign)."""

MIN_WORDS = 3
"""A passage with fewer words than this is not judged (a greeting, a sign-off name)."""
LOOKALIKE_WORDS = 8
"""Up to this many words, Danish and Norwegian bokmål pass for each other."""
SCANDINAVIAN_WORDS = 4
"""Up to this many words, Swedish, Danish and Norwegian pass for each other."""
MARGIN = 0.3
"""A passage is foreign when another language's confidence beats the expected one's by this."""

_SCANDINAVIAN = frozenset({"sv", "nb", "da"})
_PASSAGE = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
_WORD = re.compile(r"[^\W\d_]+(?:[-'\u2019][^\W\d_]+)*")
_SENTENCE_START = re.compile(r"(?:^|\n\s*|[.!?:;]\s+|[\"(\u2013\u2014-]\s*)$")


@lru_cache(maxsize=1)
def detector() -> LanguageDetector:
    """Return the language detector, built on first use (its models take a while to load)."""
    return LanguageDetectorBuilder.from_languages(*CODES).with_preloaded_language_models().build()


def _is_name(text: str, match: re.Match[str]) -> bool:
    """Return whether a word is a code or a capitalised word inside a sentence (a name)."""
    word = match.group(0)
    if len(word) > 1 and word.isupper():
        return True  # product codes and abbreviations: CYBER, GL, AB, IT
    if not word[0].isupper():
        return False
    return _SENTENCE_START.search(text[: match.start()]) is None


def readable_words(text: str, ignore: Iterable[str] = ()) -> list[str]:
    """Return the words of a text the language is read from (names, codes, figures removed)."""
    for phrase in sorted(ignore, key=len, reverse=True):
        if phrase:
            text = text.replace(phrase, " ")
    text = CONTACT.sub(" ", CHUNK_ID.sub(" ", CITATION.sub(" ", text)))
    return [m.group(0) for m in _WORD.finditer(text) if not _is_name(text, m)]


_DANISH_WORDS = frozenset(
    [
        "af",
        "efter",
        "gennem",
        "hvad",
        "hvorfor",
        "jer",
        "jeres",
        "dig",
        "dit",
        "kære",
        "hej",
        "meget",
        "mellem",
        "nogen",
        "noget",
        "nu",
        "uge",
        "ugen",
        "uden",
        "selskab",
        "selskabet",
        "tak",
        "venlig",
        "venlige",
        "vores",
        "os",
        "gør",
        "mail",
    ]
)
_NORWEGIAN_WORDS = frozenset(
    [
        "av",
        "etter",
        "gjennom",
        "hva",
        "hvorfor",
        "dere",
        "deg",
        "ditt",
        "hei",
        "å",
        "mye",
        "mellom",
        "noen",
        "noe",
        "nå",
        "uke",
        "uken",
        "uten",
        "veldig",
        "selskap",
        "selskapet",
        "takk",
        "vennlig",
        "vennlige",
        "vår",
        "våre",
        "oss",
        "gjør",
        "trenger",
        "e-post",
    ]
)
"""Common words spelt differently in Danish and Norwegian bokmål."""


def _danish_or_norwegian(words: list[str]) -> str | None:
    """Return ``da`` or ``nb`` when the words spelt differently in them agree, else None.

    lingua leans to bokmål on Danish text ("Gør det klart for kunden, at prisen ikke er
    garanteret"); the spelling of common words (gør/gjør, uge/uke, af/av) settles it.
    """
    lower = [word.casefold() for word in words]
    danish = sum(word in _DANISH_WORDS for word in lower)
    norwegian = sum(word in _NORWEGIAN_WORDS for word in lower)
    if danish == norwegian:
        return None
    return "da" if danish > norwegian else "nb"


@lru_cache(maxsize=512)
def _detected(text: str) -> tuple[tuple[str, float], ...]:
    """Return lingua's confidence per language code (cached: the gate asks twice per draft)."""
    values: dict[str, float] = {}
    for result in detector().compute_language_confidence_values(text):
        code = CODES[result.language]
        values[code] = values.get(code, 0.0) + result.value
    return tuple(values.items())


def _confidences(words: list[str]) -> dict[str, float]:
    values = dict(_detected(" ".join(words)))
    best = max(values, key=lambda code: values[code])
    if best in ("nb", "da") and (spelled := _danish_or_norwegian(words)) not in (None, best):
        values[best], values[spelled] = values.get(spelled, 0.0), values[best]
    return values


def _tolerated(found: str, expected: str, words: int) -> bool:
    """Return whether a lookalike language passes for the expected one at this length."""
    if {found, expected} == {"nb", "da"} and words <= LOOKALIKE_WORDS:
        return True
    return found in _SCANDINAVIAN and expected in _SCANDINAVIAN and words <= SCANDINAVIAN_WORDS


def text_language(text: str) -> str | None:
    """Return the language a whole text is written in.

    Args:
        text: Any text (a draft's subject and body, a line).

    Returns:
        One of ``en sv nb da fi is``; None when fewer than ``MIN_WORDS`` words remain once
        names, codes and figures are removed, or when the text is in another language.
    """
    words = readable_words(text)
    if len(words) < MIN_WORDS:
        return None
    values = _confidences(words)
    best = max(values, key=lambda code: values[code])
    return None if best == "de" else best


def wrong_language(text: str, expected: str, ignore: Iterable[str] = ()) -> str | None:
    """Return the language a whole text is in when it is clearly not ``expected``, else None.

    Clearly: another language leads the expected one by ``MARGIN`` and is no lookalike
    tolerated at the text's length (Danish for bokmål in a line of a few words).

    Raises:
        ValueError: ``expected`` is not one of the six languages.
    """
    expected = normalise_language(expected)
    words = readable_words(text, ignore)
    if len(words) < MIN_WORDS:
        return None
    values = _confidences(words)
    best = max(values, key=lambda code: values[code])
    if best == expected or _tolerated(best, expected, len(words)):
        return None
    return best if values[best] - values.get(expected, 0.0) >= MARGIN else None


def _passages(text: str) -> list[str]:
    return [
        sentence.strip()
        for line in _PASSAGE.findall(text)
        for sentence in _SENTENCE_END.split(line)
        if sentence.strip()
    ]


def foreign_passages(text: str, expected: str, ignore: Iterable[str] = ()) -> list[str]:
    """Return the sentences and lines of a text that are written in another language.

    Args:
        text: The text (a draft's subject and body).
        expected: The language it should be in: ``en sv nb da fi is`` (``no`` reads as nb).
        ignore: Phrases to leave out before reading (the insurer's name, product names).

    Returns:
        Each foreign passage as it stands in the text, in text order; passages with fewer
        than ``MIN_WORDS`` readable words are never foreign.

    Raises:
        ValueError: ``expected`` is not one of the six languages.
    """
    expected = normalise_language(expected)
    ignored = list(ignore)
    foreign: list[str] = []
    for passage in _passages(text):
        words = readable_words(passage, ignored)
        if len(words) < MIN_WORDS:
            continue
        values = _confidences(words)
        best = max(values, key=lambda code: values[code])
        if best == expected or _tolerated(best, expected, len(words)):
            continue
        if values[best] - values.get(expected, 0.0) >= MARGIN:
            foreign.append(passage)
    return foreign
