"""Chunk metadata for Chroma: scalars only, so lists become boolean flag keys.

Products, countries, the document type, audience and language become ``p_CYBER``, ``c_SE``,
``t_product``, ``a_customer`` and ``l_sv`` flags that ``where`` filters (and the BM25 side of
hybrid search) test directly. Each chunk also carries its ``section_kind`` (cover, exclusion,
note, other) read from its heading.
"""

from __future__ import annotations

from knowledge.corpus_reader import Document
from knowledge.section_kinds import section_kind

Metadata = dict[str, str | int | float | bool]


def product_flag(code: str) -> str:
    """Return the metadata key marking a chunk as about a product."""
    return f"p_{code.upper()}"


def country_flag(code: str) -> str:
    """Return the metadata key marking a chunk as applying to a country."""
    return f"c_{code.upper()}"


def type_flag(doc_type: str) -> str:
    """Return the metadata key marking a chunk's document type."""
    return f"t_{doc_type.lower()}"


def audience_flag(audience: str) -> str:
    """Return the metadata key marking a chunk's audience (advisor or customer)."""
    return f"a_{audience.lower()}"


def language_flag(language: str) -> str:
    """Return the metadata key marking a chunk's language."""
    return f"l_{language.lower()}"


def chunk_metadata(doc: Document, index: int, heading: str) -> Metadata:
    """Return the Chroma metadata of one chunk (scalars only)."""
    meta: Metadata = {
        "doc_id": doc.doc_id,
        "version": doc.version,
        "title": doc.title,
        "section": heading,
        "type": doc.type,
        "language": doc.language,
        "audience": doc.audience,
        "section_kind": section_kind(heading),
        "effective_date": doc.effective_date.isoformat(),
        "chunk_index": index,
        "doc_sha256": doc.sha256,
        "products": ",".join(doc.products),
        "countries": ",".join(doc.countries),
        type_flag(doc.type): True,
        audience_flag(doc.audience): True,
        language_flag(doc.language): True,
    }
    meta.update({product_flag(code): True for code in doc.products})
    meta.update({country_flag(code): True for code in doc.countries})
    return meta
