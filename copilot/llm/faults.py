"""Map every failure of the OpenAI SDK or of the model's output to ``LLMUnavailable``."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

import openai
from pydantic import BaseModel, ValidationError

from copilot.llm.errors import LLMUnavailable

logger = logging.getLogger(__name__)

ModelT = TypeVar("ModelT", bound=BaseModel)


def fault_of(error: openai.OpenAIError) -> LLMUnavailable:
    """Return the typed fault for an exception raised by the OpenAI SDK.

    Args:
        error: The SDK exception (after the SDK's own retries).

    Returns:
        The matching ``LLMUnavailable``.
    """
    if isinstance(error, openai.APITimeoutError):  # subclass of APIConnectionError: test first
        return LLMUnavailable("timeout", str(error))
    if isinstance(error, openai.APIConnectionError):
        return LLMUnavailable("connection", str(error))
    if isinstance(error, openai.RateLimitError):
        return LLMUnavailable("rate_limited", f"HTTP 429: {error.message}")
    if isinstance(error, openai.APIStatusError):
        detail = f"HTTP {error.status_code}: {error.message}"
        if error.status_code >= 500:
            return LLMUnavailable("server_error", detail)
        return LLMUnavailable("rejected", detail)
    if isinstance(error, openai.APIResponseValidationError):
        return LLMUnavailable("malformed", f"response does not fit the API: {error.message}")
    if isinstance(error, openai.APIError):  # e.g. an error event in the middle of a stream
        return LLMUnavailable("server_error", f"{type(error).__name__}: {error.message}")
    return LLMUnavailable("rejected", f"{type(error).__name__}: {error}")


@contextmanager
def translate_faults() -> Iterator[None]:
    """Re-raise OpenAI SDK errors inside the block as ``LLMUnavailable``.

    Raises:
        LLMUnavailable: Whatever the SDK raised, typed by cause.
    """
    try:
        yield
    except openai.OpenAIError as error:
        fault = fault_of(error)
        logger.warning("LLM call failed (%s): %s", fault.reason, fault.detail)
        raise fault from error
    except json.JSONDecodeError as error:  # the SDK parses a 200 body that is not JSON
        fault = LLMUnavailable("malformed", f"the endpoint's answer is not JSON: {error}")
        logger.warning("LLM call failed (%s): %s", fault.reason, fault.detail)
        raise fault from error


def parse_json_answer(text: str, schema: type[ModelT], finish_reason: str | None) -> ModelT:
    """Validate a model's JSON answer against a schema.

    Args:
        text: The message content.
        schema: The pydantic model it must satisfy.
        finish_reason: Why generation stopped; ``length`` explains a truncated answer.

    Returns:
        The validated model instance.

    Raises:
        LLMUnavailable: ``empty`` for blank output, ``malformed`` for invalid JSON or a
            schema violation.
    """
    if not text.strip():
        raise LLMUnavailable("empty", f"no content (finish_reason={finish_reason})")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        cut = " - cut off at max_tokens" if finish_reason == "length" else ""
        raise LLMUnavailable("malformed", f"not JSON{cut}: {error.msg} at {error.pos}") from error
    try:
        return schema.model_validate(data)
    except ValidationError as error:
        raise LLMUnavailable(
            "malformed", f"JSON does not fit {schema.__name__}: {error.error_count()} errors"
        ) from error
