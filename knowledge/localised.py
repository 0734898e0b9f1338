"""Customer-facing product wording in the customer's language, from the customer sheets.

Each catalogue product has a customer sheet per language (``product/<language>/``): a cover
section and an exclusion section, with no figures (figures come from tools). A draft quotes
these passages, cited like any other, instead of the English advisor sheets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, Field

from knowledge.metadata import audience_flag, language_flag, product_flag
from knowledge.search import Chunk, to_chunk, where_filter
from knowledge.section_kinds import sheet_languages
from knowledge.store import get_collection
from tools.catalogue import load_catalogue
from tools.foundation.settings import Settings

_BULLET = re.compile(r"^\s*[-*]\s+(.+)$", re.MULTILINE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖÆØÞÐÁÉÍÓÚÝ])")
_KIND_ORDER = {"cover": 0, "exclusion": 1}


class LocalisedProduct(BaseModel):
    """A product as a customer reads it in one language, each sentence with its citation."""

    code: str = Field(description="Catalogue product code, e.g. CYBER.")
    language: str = Field(description="Language of the wording (en, sv, nb, da, fi, is).")
    name: str = Field(description="The product's name in that language (the sheet's title).")
    description: str = Field(
        description="One sentence on what the cover is for (the cover passage's first)."
    )
    description_cite: str = Field(description="Chunk id of the cover passage.")
    exclusion: str | None = Field(None, description="The main exclusion or limit, no figures.")
    exclusion_cite: str | None = Field(None, description="Chunk id of the exclusion passage.")


def passage_body(chunk: Chunk) -> str:
    """Return a passage's words without the ``title - heading`` line that leads it."""
    parts = chunk.text.split("\n\n", 1)
    body = parts[1] if len(parts) == 2 else parts[0]
    return " ".join(line.strip() for line in body.splitlines() if line.strip())


def first_sentence(text: str) -> str:
    """Return the first sentence of a text (the sheets write out every abbreviation)."""
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def _first_bullet(chunk: Chunk) -> str | None:
    bullets = _BULLET.findall(chunk.text)
    return bullets[0].strip() if bullets else None


def localised_product(chunks: Sequence[Chunk], code: str, language: str) -> LocalisedProduct | None:
    """Return the customer wording of a product in a language from the given passages.

    Only customer-sheet passages of that product in that language count; without its cover
    passage there is nothing to cite, so the answer is None. The description is the cover
    passage's first sentence; the exclusion is the sheet's first listed exclusion (None when
    the exclusion passage is not among ``chunks``).
    """
    code = code.upper()
    sheet = [
        chunk
        for chunk in chunks
        if chunk.audience == "customer" and chunk.language == language and code in chunk.products
    ]
    cover = next((chunk for chunk in sheet if chunk.section_kind == "cover"), None)
    if cover is None:
        return None
    excluded = next((chunk for chunk in sheet if chunk.section_kind == "exclusion"), None)
    exclusion = _first_bullet(excluded) if excluded else None
    return LocalisedProduct(
        code=code,
        language=language,
        name=cover.title,
        description=first_sentence(passage_body(cover)),
        description_cite=cover.chunk_id,
        exclusion=exclusion,
        exclusion_cite=excluded.chunk_id if excluded and exclusion else None,
    )


def sheet_language(language: str) -> str:
    """Return the language the customer sheets are read in: the one asked, else English."""
    return language if language in sheet_languages() else "en"


def localised_passages(codes: Sequence[str], language: str, *, settings: Settings) -> list[Chunk]:
    """Return the cover and exclusion passages of these products' customer sheets.

    They are read from the store by metadata (customer audience, language, product), not
    ranked by similarity, so their ``score`` is 0. Order: product as given, cover first.
    A language without sheets falls back to English.

    Raises:
        UnknownProduct: a product code is not in the catalogue.
    """
    catalogue = load_catalogue()
    wanted = list(dict.fromkeys(catalogue.product(code).code for code in codes))
    if not wanted:
        return []
    read_in = sheet_language(language)
    groups = [
        [audience_flag("customer")],
        [language_flag(read_in)],
        [product_flag(code) for code in wanted],
    ]
    stored = get_collection(settings).get(
        where=where_filter(groups), include=["documents", "metadatas"]
    )
    found = [
        to_chunk(chunk_id, text, dict(meta), 0.0)
        for chunk_id, text, meta in zip(
            stored["ids"], stored["documents"] or [], stored["metadatas"] or [], strict=True
        )
        if meta.get("section_kind") in _KIND_ORDER
    ]
    return sorted(found, key=lambda chunk: _order(chunk, wanted))


def _order(chunk: Chunk, wanted: list[str]) -> tuple[Any, ...]:
    product = next((code for code in wanted if code in chunk.products), wanted[0])
    return (wanted.index(product), _KIND_ORDER[chunk.section_kind], chunk.chunk_id)
