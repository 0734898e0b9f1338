"""Typed, expected errors of the deterministic tools; the API and CLI map them to messages."""

from __future__ import annotations


class CopilotError(Exception):
    """Base of every expected error; ``str(error)`` is a message a person can act on."""


class UnknownCustomer(CopilotError):
    """The customer id or name is not in the book (or not in this advisor's book)."""

    def __init__(self, reference: object) -> None:
        super().__init__(f"Unknown customer {reference!r}: check the id or exact name in the book.")
        self.reference = reference


class UnknownAdvisor(CopilotError):
    """The advisor id or name is not in the book."""

    def __init__(self, reference: object) -> None:
        super().__init__(f"Unknown advisor {reference!r}: check the id or exact name.")
        self.reference = reference


class UnknownProduct(CopilotError):
    """The product code is not in the catalogue."""

    def __init__(self, code: str, known: list[str]) -> None:
        super().__init__(f"Unknown product code {code!r}; known codes: {', '.join(known)}.")
        self.code = code


class InvalidDate(CopilotError):
    """A date or timestamp could not be read."""

    def __init__(self, value: object) -> None:
        super().__init__(
            f"Invalid date {value!r}: use ISO 8601, e.g. 2026-11-22 or 2026-11-22T09:30:00."
        )
        self.value = value


class NotEligible(CopilotError):
    """The customer is not eligible for the product (the eligibility trace says why)."""


class BookImportError(CopilotError):
    """A CSV import failed validation; nothing was written.

    Attributes:
        problems: every problem found, as ``(file, row, column, reason)``; row 1 is the header.
    """

    def __init__(self, problems: list[tuple[str, int, str, str]]) -> None:
        shown = "; ".join(f"{f}, row {r}, column {c!r}: {why}" for f, r, c, why in problems[:10])
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        super().__init__(f"Import rejected, nothing was written: {shown}{more}.")
        self.problems = problems
