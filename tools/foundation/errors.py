"""The typed, expected errors of the product, each in one of five categories.

Every expected error subclasses one category; the CLI and the HTTP API map the category to an
exit code or status once (``api/errors.py``), never per error. ``str(error)`` is a message a
person can act on.
"""

from __future__ import annotations

from typing import ClassVar, Literal

ErrorCategory = Literal["not_found", "forbidden", "conflict", "invalid_input", "unavailable"]
"""What kind of problem an expected error is (the HTTP API maps it to 404/403/409/422/503)."""


class CopilotError(Exception):
    """Base of every expected error; ``str(error)`` is a message a person can act on."""

    category: ClassVar[ErrorCategory] = "invalid_input"
    """The category the API and CLI map to a status; subclasses of a category inherit it."""


class NotFound(CopilotError):
    """The thing asked for does not exist, or not for this caller (never says which)."""

    category: ClassVar[ErrorCategory] = "not_found"


class Forbidden(CopilotError):
    """The caller is known but their role may not do this."""

    category: ClassVar[ErrorCategory] = "forbidden"


class Conflict(CopilotError):
    """The request is valid but conflicts with the current state (decided already, blocked)."""

    category: ClassVar[ErrorCategory] = "conflict"


class InvalidInput(CopilotError):
    """The request itself is malformed or names values that do not exist in the rules."""

    category: ClassVar[ErrorCategory] = "invalid_input"


class Unavailable(CopilotError):
    """Something the request needs is not ready (a model not trained, the schema not migrated)."""

    category: ClassVar[ErrorCategory] = "unavailable"


class UnknownCustomer(NotFound):
    """The customer id or name is not in the book (or not in this advisor's book)."""

    def __init__(self, reference: object) -> None:
        super().__init__(f"Unknown customer {reference!r}: check the id or exact name in the book.")
        self.reference = reference


class UnknownContact(NotFound):
    """The contact id is not one of this customer's contact persons."""

    def __init__(self, reference: object, customer_id: str, known: tuple[str, ...] = ()) -> None:
        choices = (
            f"one of {', '.join(known)}" if known else "the customer has no contacts in the book"
        )
        super().__init__(
            f"Unknown contact {reference!r} for customer {customer_id!r}: pick one of that "
            f"customer's contact ids ({choices}), or leave the contact out to write to the "
            "primary contact."
        )
        self.reference = reference
        self.customer_id = customer_id


class UnknownAdvisor(NotFound):
    """The advisor id or name is not in the book."""

    def __init__(self, reference: object) -> None:
        super().__init__(f"Unknown advisor {reference!r}: check the id or exact name.")
        self.reference = reference


class UnknownProduct(InvalidInput):
    """The product code is not in the catalogue."""

    def __init__(self, code: str, known: list[str]) -> None:
        super().__init__(f"Unknown product code {code!r}; known codes: {', '.join(known)}.")
        self.code = code


class InvalidDate(InvalidInput):
    """A date or timestamp could not be read."""

    def __init__(self, value: object) -> None:
        super().__init__(
            f"Invalid date {value!r}: use ISO 8601, e.g. 2026-11-22 or 2026-11-22T09:30:00."
        )
        self.value = value


class NotEligible(Conflict):
    """The customer is not eligible for what was asked (the message says why)."""


class BookImportError(InvalidInput):
    """A CSV import failed validation; nothing was written.

    Attributes:
        problems: every problem found, as ``(file, row, column, reason)``; row 1 is the header.
    """

    def __init__(self, problems: list[tuple[str, int, str, str]]) -> None:
        shown = "; ".join(f"{f}, row {r}, column {c!r}: {why}" for f, r, c, why in problems[:10])
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        super().__init__(f"Import rejected, nothing was written: {shown}{more}.")
        self.problems = problems


class SchemaNotReady(Unavailable):
    """The database schema is missing or older than this code: run ``copilot init``."""

    def __init__(self, found: str | None, expected: str) -> None:
        state = "has no schema" if found is None else f"is at revision {found}"
        super().__init__(
            f"The database {state}, this code needs {expected}: run `copilot init` "
            "(it migrates the database and keeps the data)."
        )
        self.found = found
        self.expected = expected
