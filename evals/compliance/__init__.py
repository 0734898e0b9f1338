"""Offline eval suite of the compliance gate (labelled drafts, block precision/recall)."""

from evals.compliance.suite import SuiteResult, run

__all__ = ["SuiteResult", "run"]
