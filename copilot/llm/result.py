"""What one language-model call returns: the output plus the prompt and model that produced it."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, Field

from prompts.registry import PromptRef

ModelT = TypeVar("ModelT", bound=BaseModel)


class Usage(BaseModel):
    """Token counts reported by the endpoint."""

    prompt_tokens: int = Field(0, description="Tokens in the request messages.")
    completion_tokens: int = Field(0, description="Tokens generated.")


class Generation(BaseModel):
    """A text answer and its provenance (store ``prompt`` and ``model`` with every draft)."""

    text: str = Field(description="The generated text (the raw JSON for structured calls).")
    prompt: PromptRef = Field(description="Prompt id, version and sha256 that produced it.")
    model: str = Field(description="Model name requested from the endpoint.")
    served_model: str | None = Field(None, description="Model name the endpoint reported.")
    finish_reason: str | None = Field(None, description="Why generation stopped (stop, length).")
    usage: Usage | None = Field(None, description="Token counts, when the endpoint reports them.")
    latency_ms: float = Field(description="Wall-clock time of the call, in milliseconds.")


class StructuredGeneration(Generation, Generic[ModelT]):
    """A JSON answer validated against a pydantic schema."""

    parsed: ModelT = Field(description="The validated answer.")
