"""Idempotent ingestion of the corpus into Chroma: add new, replace changed, delete removed.

Chunk ids are ``doc_id@version#n``. A document whose file hash matches what the store holds is
left alone, so running ingest twice writes nothing the second time. Chroma metadata cannot hold
lists, so products and countries become boolean flag keys (see ``knowledge.metadata``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field

from knowledge.corpus_reader import CORPUS_DIR, Document, chunk_document, corpus_hash, load_corpus
from knowledge.metadata import Metadata, chunk_metadata
from knowledge.search import forget_lexical_index
from knowledge.store import get_collection
from tools.foundation.settings import Settings

ProgressCallback = Callable[[int, int, str], None]
"""Called as ``progress(done, total, doc_id)`` after each document."""

_DOCS_PER_WRITE = 8  # documents embedded together: fewer, fuller batches; progress stays live


class IngestReport(BaseModel):
    """What one ingest run changed."""

    documents: int = Field(description="Documents in the corpus.")
    chunks: int = Field(description="Chunks in the store after the run.")
    added: list[str] = Field(
        default_factory=list, description="doc_ids ingested for the first time."
    )
    replaced: list[str] = Field(default_factory=list, description="doc_ids whose chunks changed.")
    removed: list[str] = Field(default_factory=list, description="doc_ids deleted from the store.")
    unchanged: int = Field(0, description="Documents already up to date.")
    corpus_hash: str = Field(description="Hash of the corpus that was ingested.")
    seconds: float = Field(description="Wall time of the run.")


def _stored_documents(settings: Settings) -> dict[str, tuple[str, list[str]]]:
    """Return doc_id -> (stored file hash, chunk ids) for what the store holds now."""
    stored = get_collection(settings).get(include=["metadatas"])
    by_doc: dict[str, tuple[str, list[str]]] = {}
    for chunk_id, meta in zip(stored["ids"], stored["metadatas"] or [], strict=True):
        doc_id, sha = str(meta["doc_id"]), str(meta["doc_sha256"])
        previous = by_doc.get(doc_id, (sha, []))
        by_doc[doc_id] = (previous[0] if previous[0] == sha else "mixed", [*previous[1], chunk_id])
    return by_doc


def _write_documents(docs: list[tuple[Document, list[str]]], settings: Settings) -> None:
    """Replace the chunks of several documents in one embedding pass (old ids -> new ids)."""
    collection = get_collection(settings)
    ids: list[str] = []
    texts: list[str] = []
    metadatas: list[Metadata] = []
    stale: set[str] = set()
    for doc, old_ids in docs:
        sections = chunk_document(doc)
        new_ids = [f"{doc.doc_id}@{doc.version}#{s.index}" for s in sections]
        stale.update(set(old_ids) - set(new_ids))
        ids += new_ids
        texts += [s.text for s in sections]
        metadatas += [chunk_metadata(doc, s.index, s.heading) for s in sections]
    if stale:
        collection.delete(ids=sorted(stale))
    collection.upsert(ids=ids, documents=texts, metadatas=metadatas)  # type: ignore[arg-type]


def ingest_corpus(
    settings: Settings,
    progress: ProgressCallback | None = None,
    corpus_dir: Path = CORPUS_DIR,
) -> IngestReport:
    """Bring the store in line with the corpus; safe to run any number of times.

    Args:
        settings: The deployment's settings (which store to fill).
        progress: Optional callback ``progress(done, total, doc_id)`` as documents complete.
        corpus_dir: Root of the Markdown corpus (tests point it at a temporary copy).

    Returns:
        What was added, replaced, removed and left unchanged.
    """
    started = time.perf_counter()
    docs = load_corpus(corpus_dir)
    stored = _stored_documents(settings)
    report = IngestReport(documents=len(docs), chunks=0, corpus_hash=corpus_hash(docs), seconds=0)
    pending: list[tuple[Document, list[str]]] = []
    for doc in docs:
        stored_sha, old_ids = stored.pop(doc.doc_id, ("", []))
        if stored_sha == doc.sha256:
            report.unchanged += 1
        else:
            pending.append((doc, old_ids))
            (report.replaced if old_ids else report.added).append(doc.doc_id)
    done = report.unchanged
    for start in range(0, len(pending), _DOCS_PER_WRITE):
        group = pending[start : start + _DOCS_PER_WRITE]
        _write_documents(group, settings)
        done += len(group)
        if progress is not None:
            progress(done, len(docs), group[-1][0].doc_id)
    if progress is not None and not pending:
        progress(len(docs), len(docs), "up to date")
    for doc_id, (_, old_ids) in sorted(stored.items()):
        get_collection(settings).delete(ids=old_ids)
        report.removed.append(doc_id)
    report.chunks = get_collection(settings).count()
    report.seconds = round(time.perf_counter() - started, 3)
    forget_lexical_index()
    return report
