"""Customer-facing product wording in the customer's language, from localised product sheets.

Every product has a localised sheet per language (``knowledge/corpus/product/<lang>/``) whose
passages are cited like the English ones: a ``cover`` passage (the product's name in that
language and one plain sentence on what it is for) and an ``exclusions`` passage (bullets of
the main exclusions and limits, without figures). The drafter reads them from the turn's
retrieved chunks through :func:`localised_product`.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, Field

from knowledge.search import Chunk


class LocalisedProduct(BaseModel):
    """What a customer reads about one product, in one language, with the passages cited."""

    code: str = Field(description="Catalogue product code.")
    language: str = Field(description="Language code of the wording.")
    name: str = Field(description="The product's name in that language.")
    description: str = Field(description="One sentence on what the cover is for.")
    description_cite: str = Field(description="Chunk id of the cover passage.")
    exclusion: str | None = Field(None, description="The main exclusion or limit, no figures.")
    exclusion_cite: str | None = Field(None, description="Chunk id of the exclusions passage.")
