"""The one typed fault of the language-model adapter: the graph catches it and goes offline."""

from __future__ import annotations

from typing import Literal

from tools.foundation.errors import Unavailable

FaultReason = Literal[
    "timeout",
    "rate_limited",
    "server_error",
    "connection",
    "rejected",
    "malformed",
    "empty",
    "invalid_plan",
    "too_long",
]
"""Why the model could not be used; `rejected` is a 4xx other than 429 (auth, bad request)."""

_ADVICE: dict[str, str] = {
    "timeout": "the language model did not answer in time",
    "rate_limited": "the language model endpoint is rate limiting us",
    "server_error": "the language model endpoint returned a server error",
    "connection": "the language model endpoint could not be reached",
    "rejected": "the language model endpoint rejected the request",
    "malformed": "the language model returned output that does not fit the expected format",
    "empty": "the language model returned nothing",
    "invalid_plan": "the language model proposed a plan with unknown tools or products",
    "too_long": "the request would exceed the prompt's token budget",
}


class LLMUnavailable(Unavailable):
    """The language model could not produce a usable answer; use the offline path instead.

    Attributes:
        reason: A stable code for the cause (see ``FaultReason``).
        detail: What exactly happened, for logs and the advisor's notice.
    """

    def __init__(self, reason: FaultReason, detail: str) -> None:
        super().__init__(f"Offline fallback: {_ADVICE[reason]} ({detail}).")
        self.reason: FaultReason = reason
        self.detail = detail
