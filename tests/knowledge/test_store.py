from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge.ingest import ingest_corpus
from knowledge.search import forget_lexical_index, search
from knowledge.store import collection_name, forget_collections, get_collection
from tests.processes import chroma_server
from tools.foundation.settings import Settings


def test_collection_is_cached_per_process(tiny_settings: Settings) -> None:
    assert get_collection(tiny_settings) is get_collection(tiny_settings)


def test_each_embedding_backend_has_its_own_collection() -> None:
    assert collection_name(Settings(embeddings="local")) != collection_name(
        Settings(embeddings="openai")
    )


def test_embedded_store_lives_under_the_data_dir(tiny_settings: Settings) -> None:
    get_collection(tiny_settings)
    assert (tiny_settings.data_dir / "chroma" / "chroma.sqlite3").is_file()


@pytest.fixture
def chroma_url(tmp_path: Path) -> Iterator[str]:
    with chroma_server(tmp_path / "server") as url:
        yield url
    forget_collections()
    forget_lexical_index()


@pytest.mark.slow
def test_chroma_server_is_used_when_url_is_set(
    chroma_url: str, tiny_corpus: Path, tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path / "data", chroma_url=chroma_url)
    ingest_corpus(settings, corpus_dir=tiny_corpus)
    hits = search("ransomware", k=1, settings=settings)
    assert hits[0].doc_id == "tiny-cyber"
    assert not (tmp_path / "data" / "chroma" / "chroma.sqlite3").exists()
