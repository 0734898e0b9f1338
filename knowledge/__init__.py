"""The knowledge base: the insurer's documents in Chroma, offline embeddings, cited retrieval."""

from knowledge.ingest import IngestReport, ingest_corpus
from knowledge.localised import LocalisedProduct, localised_passages, localised_product
from knowledge.search import Chunk, search

__all__ = [
    "Chunk",
    "IngestReport",
    "LocalisedProduct",
    "ingest_corpus",
    "localised_passages",
    "localised_product",
    "search",
]
