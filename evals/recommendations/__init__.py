"""Recommendations eval suite: customer cases -> the panel's ranked offers, scored.

Seed use cases (DOMAIN.md) and generated customers whose expected products follow from the
generator's ground truth; scores precision@2, forbidden-product rate, oracle agreement,
channel and timing accuracy. ``run`` returns a ``SuiteResult``; the runner applies thresholds.
"""

from evals.recommendations.suite import Recommender, run

__all__ = ["Recommender", "run"]
