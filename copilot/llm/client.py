"""One adapter over the ``openai`` SDK for any OpenAI-compatible chat endpoint.

Every call renders a versioned prompt, minimises the personal data in its variables, sets
timeout and retries explicitly (the SDK's retry is the only retry layer), and returns the
output together with the prompt identity and model that produced it. Every failure surfaces
as ``LLMUnavailable`` so the caller can fall back to its offline path.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any, TypeVar

import httpx2
import openai
from openai.types.chat import ChatCompletion, ChatCompletionMessageParam
from pydantic import BaseModel

from copilot.llm.errors import LLMUnavailable
from copilot.llm.faults import parse_json_answer, translate_faults
from copilot.llm.redact import minimise_facts, redact_text
from copilot.llm.result import Generation, StructuredGeneration, Usage
from copilot.llm.schema import response_format
from copilot.llm.streaming import LLMStream
from prompts.budget import approx_message_tokens
from prompts.registry import PromptTemplate
from tools.foundation.settings import Settings

logger = logging.getLogger(__name__)

ModelT = TypeVar("ModelT", bound=BaseModel)

DEFAULT_MODEL = "default"
"""Model name sent when ``llm_model`` is unset; single-model servers (llama.cpp) ignore it."""


def prepare_variables(variables: dict[str, Any]) -> dict[str, str]:
    """Minimise and serialise prompt variables: nothing personal leaves unredacted.

    Dicts and lists go through ``minimise_facts`` and become compact JSON; strings go
    through ``redact_text``; other values are formatted with ``str``.

    Args:
        variables: Raw template variables.

    Returns:
        The strings to put into the prompt template.
    """
    prepared: dict[str, str] = {}
    for name, value in variables.items():
        if isinstance(value, dict | list | tuple):
            minimised = minimise_facts({"value": value})["value"]
            prepared[name] = json.dumps(minimised, ensure_ascii=False, default=str)
        else:
            prepared[name] = redact_text(str(value))
    return prepared


def checked_messages(
    prompt: PromptTemplate, variables: dict[str, Any]
) -> list[ChatCompletionMessageParam]:
    """Return the messages of a request after checking them against the prompt's budget.

    Raises:
        LLMUnavailable: ``too_long`` when the approximate count exceeds ``max_prompt_tokens``
            (nothing is sent: a small model's context would refuse it anyway).
        PromptError: A variable the prompt needs is missing.
    """
    messages = render_messages(prompt, variables)
    tokens = approx_message_tokens(messages)
    if tokens > prompt.max_prompt_tokens:
        raise LLMUnavailable(
            "too_long",
            f"{prompt.id} v{prompt.version}: about {tokens} prompt tokens, budget "
            f"{prompt.max_prompt_tokens}",
        )
    return messages


def render_messages(
    prompt: PromptTemplate, variables: dict[str, Any]
) -> list[ChatCompletionMessageParam]:
    """Return the system and user messages a prompt and its minimised variables produce.

    Raises:
        PromptError: A variable the prompt needs is missing.
    """
    user = prompt.render(prepare_variables(variables))
    return [{"role": "system", "content": prompt.system}, {"role": "user", "content": user}]


class LLMClient:
    """Chat-completion adapter bound to one endpoint and model.

    Args:
        settings: Product settings; ``llm_base_url`` must be set.
        http_client: Optional ``httpx2.Client`` (tests pass one with a mock transport).
    """

    def __init__(self, settings: Settings, http_client: httpx2.Client | None = None) -> None:
        if not settings.llm_base_url:
            raise ValueError("LLMClient needs settings.llm_base_url; use build_llm() instead.")
        api_key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else "unused"
        self.model = settings.llm_model or DEFAULT_MODEL
        self._client = openai.OpenAI(
            base_url=settings.llm_base_url,
            api_key=api_key,
            timeout=settings.llm_timeout_s,
            max_retries=settings.llm_max_retries,
            http_client=http_client,
        )

    def _create(self, prompt: PromptTemplate, variables: dict[str, Any], **extra: Any) -> Any:
        """Send one chat completion request with the prompt's own generation settings."""
        with translate_faults():
            return self._client.chat.completions.create(
                model=self.model,
                messages=checked_messages(prompt, variables),
                max_tokens=extra.pop("max_tokens", None) or prompt.max_tokens,
                temperature=prompt.temperature,
                **extra,
            )

    def _generation(
        self, prompt: PromptTemplate, response: ChatCompletion, start: float
    ) -> Generation:
        """Wrap a completion response with its provenance; reject empty answers."""
        if not isinstance(response, ChatCompletion):  # the SDK hands back non-JSON bodies as text
            raise LLMUnavailable("malformed", f"not a chat completion: {str(response)[:80]!r}")
        if not response.choices:
            raise LLMUnavailable("empty", "the response has no choices")
        choice = response.choices[0]
        usage = (
            Usage(
                prompt_tokens=response.usage.prompt_tokens,
                completion_tokens=response.usage.completion_tokens,
            )
            if response.usage
            else None
        )
        generation = Generation(
            text=choice.message.content or "",
            prompt=prompt.ref,
            model=self.model,
            served_model=response.model or None,
            finish_reason=choice.finish_reason,
            usage=usage,
            latency_ms=round((time.perf_counter() - start) * 1000, 1),
        )
        logger.info(
            "LLM %s v%s -> %s tokens in %.0f ms",
            prompt.id,
            prompt.version,
            usage.completion_tokens if usage else "?",
            generation.latency_ms,
        )
        return generation

    def complete(
        self, prompt: PromptTemplate, variables: dict[str, Any], *, max_tokens: int | None = None
    ) -> Generation:
        """Generate free text (a draft) from a prompt.

        Args:
            prompt: The versioned prompt.
            variables: Template variables (minimised before sending).
            max_tokens: Override of the prompt's token cap.

        Returns:
            The text with prompt identity, model, usage and latency.

        Raises:
            LLMUnavailable: Any transport, HTTP or output failure; ``empty`` for blank text.
        """
        start = time.perf_counter()
        response = self._create(prompt, variables, max_tokens=max_tokens)
        generation = self._generation(prompt, response, start)
        if not generation.text.strip():
            raise LLMUnavailable("empty", f"no text (finish_reason={generation.finish_reason})")
        return generation

    def structured(
        self,
        prompt: PromptTemplate,
        variables: dict[str, Any],
        schema: type[ModelT],
        *,
        enums: dict[str, list[str]] | None = None,
        max_tokens: int | None = None,
    ) -> StructuredGeneration[ModelT]:
        """Generate JSON constrained by a strict json_schema and validate it with pydantic.

        Args:
            prompt: The versioned prompt.
            variables: Template variables (minimised before sending).
            schema: The pydantic model the answer must fit.
            enums: Top-level string fields pinned to known values (see ``strict_json_schema``).
            max_tokens: Override of the prompt's token cap.

        Returns:
            The parsed answer with its raw text and provenance.

        Raises:
            LLMUnavailable: Transport/HTTP failure, or ``empty``/``malformed`` output.
        """
        start = time.perf_counter()
        fmt = response_format(schema, enums)
        response = self._create(prompt, variables, max_tokens=max_tokens, response_format=fmt)
        generation = self._generation(prompt, response, start)
        parsed = parse_json_answer(generation.text, schema, generation.finish_reason)
        return StructuredGeneration[schema](parsed=parsed, **generation.model_dump())  # type: ignore[valid-type]

    def stream(
        self, prompt: PromptTemplate, variables: dict[str, Any], *, max_tokens: int | None = None
    ) -> LLMStream:
        """Start a streamed completion; iterate the result for token deltas.

        The request is sent now, so an unreachable endpoint fails here, before any token.
        After iteration ends, ``.generation`` holds the full text and provenance.

        Args:
            prompt: The versioned prompt.
            variables: Template variables (minimised before sending).
            max_tokens: Override of the prompt's token cap.

        Returns:
            An iterable of text deltas.

        Raises:
            LLMUnavailable: The request failed (iteration raises it too, mid-stream).
        """
        start = time.perf_counter()
        chunks = self._create(
            prompt,
            variables,
            max_tokens=max_tokens,
            stream=True,
            stream_options={"include_usage": True},
        )
        return LLMStream(chunks, prompt=prompt.ref, model=self.model, started=start)


def build_llm(settings: Settings) -> LLMClient | None:
    """Return the LLM adapter, or ``None`` when no endpoint is configured (offline path).

    Args:
        settings: Product settings.

    Returns:
        An ``LLMClient`` when ``settings.llm_base_url`` is set, else ``None``.
    """
    if not settings.llm_base_url:
        return None
    return LLMClient(settings)
