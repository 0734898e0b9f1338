"""The knowledge base: the insurer's documents in Chroma, offline embeddings, cited retrieval."""

from knowledge.ingest import IngestReport, ingest_corpus
from knowledge.search import Chunk, search

__all__ = ["Chunk", "IngestReport", "ingest_corpus", "search"]
