"""Every expected error of the product has exactly one category, inherited from its base."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import copilot
import knowledge
import prompts
import tools
from tools.foundation.errors import (
    Conflict,
    CopilotError,
    Forbidden,
    InvalidInput,
    NotFound,
    Unavailable,
    UnknownCustomer,
)

CATEGORIES = {
    NotFound: "not_found",
    Forbidden: "forbidden",
    Conflict: "conflict",
    InvalidInput: "invalid_input",
    Unavailable: "unavailable",
}


def _errors() -> list[type[CopilotError]]:
    found: set[type[CopilotError]] = set()
    for package in (tools, knowledge, prompts, copilot):
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if ".cli" in info.name or "migrations" in info.name:
                continue
            module = importlib.import_module(info.name)
            for _, value in inspect.getmembers(module, inspect.isclass):
                if issubclass(value, CopilotError) and value not in CATEGORIES:
                    found.add(value)
    return sorted(found - {CopilotError}, key=lambda c: c.__qualname__)


@pytest.mark.parametrize("error", _errors(), ids=lambda c: c.__qualname__)
def test_every_error_subclasses_exactly_one_category(error: type[CopilotError]) -> None:
    bases = [base for base in CATEGORIES if issubclass(error, base)]

    assert len(bases) == 1, f"{error.__qualname__} must subclass one of the five categories"
    assert error.category == CATEGORIES[bases[0]]


def test_a_category_is_read_from_an_instance() -> None:
    assert UnknownCustomer("C1").category == "not_found"
