"""Fixtures of the training tests."""

from tests.tools.registry.trained_book import trained_models  # noqa: F401
