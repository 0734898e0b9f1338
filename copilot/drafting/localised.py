"""Customer-facing product wording in the draft's language, from localised product sheets.

``knowledge.localised`` (when installed) picks the passages of a product's sheet written in
a language from the turn's retrieved chunks. It is imported only if present, so the drafter
works before it lands: without it, or without a localised passage, the caller falls back to
the catalogue's English wording (and a localised name from the phrase book).
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Protocol, cast

from knowledge import Chunk

LOCALISED_MODULE = "knowledge.localised"


class LocalisedWording(Protocol):
    """The fields of ``knowledge.localised.LocalisedProduct`` the drafter reads."""

    code: str
    language: str
    name: str
    description: str
    description_cite: str
    exclusion: str | None
    exclusion_cite: str | None


Finder = Callable[[Sequence[Chunk], str, str], LocalisedWording | None]


@lru_cache(maxsize=1)
def _finder() -> Finder | None:
    if importlib.util.find_spec(LOCALISED_MODULE) is None:
        return None
    module = importlib.import_module(LOCALISED_MODULE)
    return cast(Finder, module.localised_product)


def localised_wording(chunks: Sequence[Chunk], code: str, language: str) -> LocalisedWording | None:
    """Return a product's sheet wording in the language from the retrieved chunks, if any.

    Args:
        chunks: The turn's retrieved passages.
        code: Catalogue product code.
        language: The draft's language.

    Returns:
        The localised name, description and main exclusion with their chunk ids, or None
        (no localised sheet module, or no passage of the product in that language).
    """
    finder = _finder()
    if finder is None or language == "en":
        return None
    found = finder(chunks, code, language)
    retrieved = {chunk.chunk_id for chunk in chunks}
    if found is None or found.description_cite not in retrieved:
        return None  # cite only what retrieval returned
    return found
