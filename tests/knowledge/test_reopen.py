"""A store ingested in one process answers in a fresh process with the network disabled."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tools.foundation.settings import Settings

pytestmark = pytest.mark.slow  # starts a second Python process (about 7 s)

FRESH_PROCESS = """
import json, socket

def _refuse(*args, **kwargs):
    raise OSError("network disabled in this test")

socket.socket.connect = _refuse
socket.create_connection = _refuse

import chromadb
import chromadb.config
from tools.foundation.settings import Settings
from knowledge import search

settings = Settings(data_dir={data_dir!r})
hit = search("ransomware attack", k=1, settings=settings)[0].doc_id
# A plain client (no embedding function passed) must rebuild ours from the stored config.
client = chromadb.PersistentClient(
    path=str(settings.chroma_dir),
    settings=chromadb.config.Settings(anonymized_telemetry=False),
)
collection = client.get_collection("knowledge_local")
plain = collection.query(query_texts=["ransomware attack"], n_results=1)
print(json.dumps({{
    "search": hit,
    "plain": plain["metadatas"][0][0]["doc_id"],
    "function": type(collection.configuration["embedding_function"]).__name__,
}}))
"""


@pytest.fixture(scope="module")
def fresh_answers(small_store: Settings, tmp_path_factory: pytest.TempPathFactory) -> dict:
    script = textwrap.dedent(FRESH_PROCESS.format(data_dir=str(small_store.data_dir)))
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path_factory.mktemp("fresh"),
        env={"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(Path.cwd())},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_fresh_process_search_answers_offline(fresh_answers: dict) -> None:
    assert fresh_answers["search"] == "product-cyber"


def test_plain_chroma_client_uses_our_registered_function(fresh_answers: dict) -> None:
    assert fresh_answers["function"] == "LocalMiniLMEmbeddingFunction"
    assert fresh_answers["plain"] == "product-cyber"
