"""The ``robustness`` eval suite: injections and cross-book requests change nothing."""

from evals.robustness.suite import run

__all__ = ["run"]
