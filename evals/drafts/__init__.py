"""The drafts suite: advisor requests through the real turn, scored on what a customer reads."""

from evals.drafts.suite import run

__all__ = ["run"]
