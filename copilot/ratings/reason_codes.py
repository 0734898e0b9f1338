"""The versioned reason codes of advisors' ratings (from the seed deck's feedback form)."""

from __future__ import annotations

from typing import Literal, get_args

RATING_REASON_CODES_VERSION = "2026.12.1"
"""Version of the list below; stored with every rating."""

RatingReasonCode = Literal[
    "not_relevant",
    "already_discussed",
    "wrong_timing",
    "wrong_product",
    "clv_too_high",
    "tone",
    "other",
]
"""Why an advisor rated a recommendation or a draft as they did."""
RATING_REASON_CODES: tuple[str, ...] = get_args(RatingReasonCode)
MAX_COMMENT_CHARS = 225
"""Longest rating comment (the seed deck's free-text field)."""
