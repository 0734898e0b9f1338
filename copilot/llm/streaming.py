"""A streamed completion: iterate for token deltas, then read the full generation."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from typing import Any

from copilot.llm.errors import LLMUnavailable
from copilot.llm.faults import translate_faults
from copilot.llm.result import Generation, Usage
from prompts.registry import PromptRef


class LLMStream:
    """Token deltas of one streamed chat completion (server-sent events).

    Iterate once; each item is a non-empty text delta. When iteration finishes,
    ``generation`` holds the whole text, the prompt identity, model, usage and latency.

    Args:
        chunks: The SDK's stream of ``ChatCompletionChunk`` objects.
        prompt: Identity of the prompt that produced the stream.
        model: Model name requested.
        started: ``time.perf_counter()`` when the request was sent.
    """

    def __init__(self, chunks: Iterable[Any], prompt: PromptRef, model: str, started: float):
        self._chunks = chunks
        self._prompt = prompt
        self._model = model
        self._started = started
        self._generation: Generation | None = None
        self.first_token_ms: float | None = None

    def __iter__(self) -> Iterator[str]:
        """Yield text deltas as they arrive.

        Raises:
            LLMUnavailable: The connection broke mid-stream, or the stream had no text.
        """
        parts: list[str] = []
        finish_reason: str | None = None
        usage: Usage | None = None
        served_model: str | None = None
        with translate_faults():
            for chunk in self._chunks:
                served_model = chunk.model or served_model
                if chunk.usage:
                    usage = Usage(
                        prompt_tokens=chunk.usage.prompt_tokens,
                        completion_tokens=chunk.usage.completion_tokens,
                    )
                for choice in chunk.choices:
                    finish_reason = choice.finish_reason or finish_reason
                    delta = choice.delta.content
                    if delta:
                        if self.first_token_ms is None:
                            self.first_token_ms = self._elapsed_ms()
                        parts.append(delta)
                        yield delta
        text = "".join(parts)
        if not text.strip():
            raise LLMUnavailable("empty", f"stream ended without text ({finish_reason=})")
        self._generation = Generation(
            text=text,
            prompt=self._prompt,
            model=self._model,
            served_model=served_model,
            finish_reason=finish_reason,
            usage=usage,
            latency_ms=self._elapsed_ms(),
        )

    def _elapsed_ms(self) -> float:
        return round((time.perf_counter() - self._started) * 1000, 1)

    @property
    def generation(self) -> Generation:
        """Return the complete generation once the stream has been consumed.

        Raises:
            RuntimeError: The stream has not been iterated to its end yet.
        """
        if self._generation is None:
            raise RuntimeError("Iterate the stream to its end before reading .generation.")
        return self._generation
