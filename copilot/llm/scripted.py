"""A scripted stand-in for the LLM (the one fake of the test suite; demos may use it too).

It renders the same prompts with the same minimised variables and token budget as
``LLMClient`` (so a missing variable, leaked personal data or an oversized request shows up
in tests too) and answers from a script keyed by
prompt id, or by ``"draft"`` for every drafting prompt. An answer is a text, a model or dict
(sent as JSON), a function of the prompt variables, a fault to raise, or ``(text, fault)``
for a stream that breaks after ``text``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from openai.types.chat import ChatCompletionChunk, ChatCompletionMessageParam
from openai.types.chat.chat_completion_chunk import Choice, ChoiceDelta
from pydantic import BaseModel

from copilot.llm.client import checked_messages
from copilot.llm.errors import LLMUnavailable
from copilot.llm.faults import parse_json_answer
from copilot.llm.result import Generation, StructuredGeneration
from copilot.llm.streaming import LLMStream
from prompts.registry import PromptTemplate

ModelT = TypeVar("ModelT", bound=BaseModel)

Answer = (
    str
    | BaseModel
    | dict[str, Any]
    | LLMUnavailable
    | Callable[[dict[str, Any]], str]
    | tuple[str, LLMUnavailable]
)
"""A scripted answer (see the module docstring)."""
DRAFTING = "draft"
"""Script key that answers every drafting prompt (email, call script, portal, talking points)."""
DRAFTING_PROMPTS = ("draft_", "talking_points", "revise_")
"""Id prefixes of the drafting prompts (the revision of a draft too)."""


@dataclass
class ScriptedCall:
    """One call the scripted model received."""

    prompt_id: str
    messages: list[ChatCompletionMessageParam]
    kind: str = "complete"
    """structured, complete or stream."""
    variables: dict[str, Any] = field(default_factory=dict)
    """The prompt variables as the caller gave them (before minimisation)."""


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
    defaults: dict[str, Answer] = field(default_factory=dict)
    """Answers given when a prompt's script is used up (e.g. a review with no findings)."""

    def _key(self, prompt_id: str) -> str:
        """Return the script key of a prompt: its own id, else ``draft`` for a drafting one."""
        if prompt_id not in self.answers and prompt_id.startswith(DRAFTING_PROMPTS):
            return DRAFTING
        return prompt_id

    def _scripted(self, prompt_id: str) -> Answer | None:
        scripted = self.answers.get(self._key(prompt_id))
        if isinstance(scripted, list):
            scripted = scripted.pop(0) if scripted else None
        return self.defaults.get(prompt_id) if scripted is None else scripted

    def _answer(
        self, prompt: PromptTemplate, variables: dict[str, Any], kind: str
    ) -> tuple[str, LLMUnavailable | None]:
        """Record the call; return the scripted text (and a fault for a broken stream)."""
        messages = checked_messages(prompt, variables)
        self.calls.append(ScriptedCall(prompt.id, messages, kind, dict(variables)))
        scripted = self._scripted(prompt.id)
        if scripted is None:
            raise LLMUnavailable("empty", f"no scripted answer for prompt {prompt.id!r}")
        if isinstance(scripted, LLMUnavailable):
            raise scripted
        if isinstance(scripted, tuple):
            return scripted
        if callable(scripted):
            return scripted(variables), None
        if isinstance(scripted, BaseModel):
            return scripted.model_dump_json(), None
        return (json.dumps(scripted) if isinstance(scripted, dict) else scripted), None

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
        text, _ = self._answer(prompt, variables, "structured")
        generation = self._generation(prompt, text)
        parsed = parse_json_answer(generation.text, schema, "stop")
        return StructuredGeneration[schema](parsed=parsed, **generation.model_dump())  # type: ignore[valid-type]

    def complete(
        self, prompt: PromptTemplate, variables: dict[str, Any], *, max_tokens: int | None = None
    ) -> Generation:
        """Return the scripted text."""
        text, fault = self._answer(prompt, variables, "complete")
        if fault is not None:
            raise fault
        if not text.strip():
            raise LLMUnavailable("empty", "scripted blank text")
        return self._generation(prompt, text)

    def stream(
        self, prompt: PromptTemplate, variables: dict[str, Any], *, max_tokens: int | None = None
    ) -> LLMStream:
        """Stream the scripted text word by word (breaking with the fault of a broken stream)."""
        text, fault = self._answer(prompt, variables, "stream")
        chunks = _chunks(text, self.model, fault)
        return LLMStream(chunks, prompt=prompt.ref, model=self.model, started=time.perf_counter())


def _chunks(text: str, model: str, fault: LLMUnavailable | None) -> Iterator[ChatCompletionChunk]:
    """Yield the text word by word as SDK chunks, then raise the fault if there is one."""
    for index, word in enumerate(text.split(" ")):
        delta = word if index == 0 else f" {word}"
        yield ChatCompletionChunk(
            id="scripted",
            object="chat.completion.chunk",
            created=0,
            model=model,
            choices=[Choice(index=0, delta=ChoiceDelta(content=delta), finish_reason=None)],
        )
    if fault is not None:
        raise fault
