"""The ``models`` eval suite: propensity, churn and credibility against release thresholds."""

from evals.models.suite import run

__all__ = ["run"]
