"""An approximate, conservative token count for prompt budgets (no tokenizer needed).

Small local models have small contexts (4,096 tokens on the machines this project records
its cassettes on), so every prompt file states ``max_prompt_tokens`` and the adapter refuses
to send a request that would exceed it. The count is approximate but errs high: measured
against llama.cpp's tokenizer (Qwen2.5), English runs about 4 characters a token, Swedish,
Danish and Norwegian about 3, Finnish and Icelandic and compact JSON about 2.3; so a token is
counted for every ``BYTES_PER_TOKEN`` bytes of UTF-8 (non-ASCII letters are two bytes), and
each chat message adds its template's framing. Tests hold the estimate above the
``usage.prompt_tokens`` every recorded cassette shows.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

BYTES_PER_TOKEN = 2.3
"""UTF-8 bytes counted as one token (conservative for the six languages and JSON)."""

MESSAGE_OVERHEAD = 8
"""Tokens a chat template adds around each message (role markers and separators)."""


def approx_tokens(text: str) -> int:
    """Return a conservative estimate of the tokens of a text."""
    return math.ceil(len(text.encode("utf-8")) / BYTES_PER_TOKEN)


def approx_message_tokens(messages: Iterable[Mapping[str, object]]) -> int:
    """Return a conservative estimate of the prompt tokens of chat messages."""
    return sum(approx_tokens(str(m.get("content") or "")) + MESSAGE_OVERHEAD for m in messages)
