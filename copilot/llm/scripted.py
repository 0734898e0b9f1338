"""A scripted stand-in for the LLM: graph tests and demos run the real flow without a server.

It renders the same prompts with the same minimised variables as ``LLMClient`` (so a missing
variable or leaked personal data shows up in tests too) and answers from a script keyed by
prompt id. A scripted ``LLMUnavailable`` is raised instead, to exercise the offline fallback.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, TypeVar

from openai.types.chat import ChatCompletionChunk, ChatCompletionMessageParam
from openai.types.chat.chat_completion_chunk import Choice, ChoiceDelta
from pydantic import BaseModel

from copilot.llm.client import render_messages
from copilot.llm.errors import LLMUnavailable
from copilot.llm.faults import parse_json_answer
from copilot.llm.result import Generation, StructuredGeneration
from copilot.llm.streaming import LLMStream
from prompts.registry import PromptTemplate

ModelT = TypeVar("ModelT", bound=BaseModel)

Answer = str | BaseModel | LLMUnavailable
"""A scripted answer: text, a model (sent as its JSON), or a fault to raise."""


@dataclass
class ScriptedCall:
    """One call the scripted model received."""

    prompt_id: str
    messages: list[ChatCompletionMessageParam]


@dataclass
class ScriptedLLM:
    """A ``LanguageModel`` that answers from a script keyed by prompt id.

    Attributes:
        answers: Prompt id -> answer, or a list of answers consumed in order.
        model: Model name recorded in every generation.
        calls: Every call received, with the exact messages a real server would get.
    """

    answers: dict[str, Answer | list[Answer]]
    model: str = "scripted"
    calls: list[ScriptedCall] = field(default_factory=list)

    def _answer(self, prompt: PromptTemplate, variables: dict[str, Any]) -> str:
        """Record the call and return the scripted text, or raise the scripted fault."""
        self.calls.append(ScriptedCall(prompt.id, render_messages(prompt, variables)))
        scripted = self.answers.get(prompt.id)
        if isinstance(scripted, list):
            scripted = scripted.pop(0) if scripted else None
        if scripted is None:
            raise LLMUnavailable("empty", f"no scripted answer for prompt {prompt.id!r}")
        if isinstance(scripted, LLMUnavailable):
            raise scripted
        return scripted.model_dump_json() if isinstance(scripted, BaseModel) else scripted

    def _generation(self, prompt: PromptTemplate, text: str) -> Generation:
        return Generation(
            text=text, prompt=prompt.ref, model=self.model, finish_reason="stop", latency_ms=0.0
        )

    def structured(
        self,
        prompt: PromptTemplate,
        variables: dict[str, Any],
        schema: type[ModelT],
        *,
        enums: dict[str, list[str]] | None = None,
        max_tokens: int | None = None,
    ) -> StructuredGeneration[ModelT]:
        """Return the scripted JSON validated against ``schema`` (faults as the real client)."""
        generation = self._generation(prompt, self._answer(prompt, variables))
        parsed = parse_json_answer(generation.text, schema, "stop")
        return StructuredGeneration[schema](parsed=parsed, **generation.model_dump())  # type: ignore[valid-type]

    def complete(
        self, prompt: PromptTemplate, variables: dict[str, Any], *, max_tokens: int | None = None
    ) -> Generation:
        """Return the scripted text."""
        text = self._answer(prompt, variables)
        if not text.strip():
            raise LLMUnavailable("empty", "scripted blank text")
        return self._generation(prompt, text)

    def stream(
        self, prompt: PromptTemplate, variables: dict[str, Any], *, max_tokens: int | None = None
    ) -> LLMStream:
        """Stream the scripted text word by word."""
        text = self._answer(prompt, variables)
        words = text.split(" ")
        deltas = [word if index == 0 else f" {word}" for index, word in enumerate(words)]
        chunks = [
            ChatCompletionChunk(
                id="scripted",
                object="chat.completion.chunk",
                created=0,
                model=self.model,
                choices=[Choice(index=0, delta=ChoiceDelta(content=delta), finish_reason=None)],
            )
            for delta in deltas
        ]
        return LLMStream(chunks, prompt=prompt.ref, model=self.model, started=time.perf_counter())
