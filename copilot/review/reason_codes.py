"""The versioned reason codes of compliance decisions (stored with every decision)."""

from __future__ import annotations

from typing import Literal, get_args

REVIEW_REASON_CODES_VERSION = "2026.12.1"
"""Version of the list below; stored with every review decision."""

ReviewReasonCode = Literal[
    "compliant",
    "compliant_after_edit",
    "misleading",
    "ungrounded_figure",
    "missing_disclosure",
    "no_lawful_basis",
    "unsuitable_product",
    "personal_data",
    "tone",
    "other",
]
"""Why compliance approved, rejected or asked for changes."""
REVIEW_REASON_CODES: tuple[str, ...] = get_args(ReviewReasonCode)
