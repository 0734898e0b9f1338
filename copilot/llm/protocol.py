"""The interface the graph depends on: the real ``LLMClient`` and ``ScriptedLLM`` both fit it."""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from pydantic import BaseModel

from copilot.llm.result import Generation, StructuredGeneration
from copilot.llm.streaming import LLMStream
from prompts.registry import PromptTemplate

ModelT = TypeVar("ModelT", bound=BaseModel)


class LanguageModel(Protocol):
    """A chat model behind versioned prompts; every failure raises ``LLMUnavailable``."""

    model: str

    def structured(
        self,
        prompt: PromptTemplate,
        variables: dict[str, Any],
        schema: type[ModelT],
        *,
        enums: dict[str, list[str]] | None = None,
        max_tokens: int | None = None,
    ) -> StructuredGeneration[ModelT]:
        """Return JSON validated against ``schema``."""
        ...

    def complete(
        self, prompt: PromptTemplate, variables: dict[str, Any], *, max_tokens: int | None = None
    ) -> Generation:
        """Return free text."""
        ...

    def stream(
        self, prompt: PromptTemplate, variables: dict[str, Any], *, max_tokens: int | None = None
    ) -> LLMStream:
        """Return an iterable of text deltas."""
        ...
