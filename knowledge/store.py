"""Open the Chroma collection of the knowledge base (embedded store or Chroma server).

One open collection is cached per process and settings (opening a ``PersistentClient`` costs
far more than a query). An embedded store directory must have one writer at a time; deployments
with several API workers point ``COPILOT_CHROMA_URL`` at a Chroma server instead.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import chromadb
from chromadb.config import Settings as ChromaSettings

from knowledge.embeddings import embedding_function
from tools.foundation.settings import Settings

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

_LOCK = threading.Lock()
_COLLECTIONS: dict[tuple[str, str], Collection] = {}


def collection_name(settings: Settings) -> str:
    """Return the collection name; each embedding backend has its own (dimensions differ)."""
    return f"knowledge_{settings.embeddings}"


@lru_cache(maxsize=64)
def _absolute(path: Path) -> str:
    return str(path.resolve())


def store_key(settings: Settings) -> tuple[str, str]:
    """Return the (location, collection name) pair that identifies an open store."""
    location = settings.chroma_url or _absolute(settings.chroma_dir)
    return location, collection_name(settings)


def open_client(settings: Settings) -> ClientAPI:
    """Return a Chroma client: ``HttpClient`` when ``chroma_url`` is set, else embedded.

    Anonymized telemetry is always off.
    """
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        return chromadb.HttpClient(
            host=url.hostname or "localhost",
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=chroma_settings,
        )
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)


def get_collection(settings: Settings) -> Collection:
    """Return the knowledge collection, created on first use and cached for the process."""
    key = store_key(settings)
    with _LOCK:
        if key not in _COLLECTIONS:
            client = open_client(settings)
            _COLLECTIONS[key] = client.get_or_create_collection(
                name=key[1],
                embedding_function=embedding_function(settings),  # type: ignore[arg-type]
                configuration={"hnsw": {"space": "cosine"}},
                metadata={"purpose": "advisor copilot knowledge base"},
            )
        return _COLLECTIONS[key]


def forget_collections() -> None:
    """Drop the cached collections (tests switch data dirs; ingest reopens nothing)."""
    with _LOCK:
        _COLLECTIONS.clear()
