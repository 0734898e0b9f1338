from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge.ingest import ingest_corpus
from knowledge.search import forget_lexical_index, search
from knowledge.store import collection_name, forget_collections, get_collection
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    binary = Path(sys.executable).parent / "chroma"
    server = subprocess.Popen(
        [str(binary), "run", "--path", str(tmp_path / "server"), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)
    forget_collections()
    forget_lexical_index()


@pytest.mark.slow
def test_chroma_server_is_used_when_url_is_set(
    chroma_server: str, tiny_corpus: Path, tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path / "data", chroma_url=chroma_server)
    ingest_corpus(settings, corpus_dir=tiny_corpus)
    hits = search("ransomware", k=1, settings=settings)
    assert hits[0].doc_id == "tiny-cyber"
    assert not (tmp_path / "data" / "chroma" / "chroma.sqlite3").exists()
