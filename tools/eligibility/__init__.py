"""Eligibility: evaluate a product's versioned, machine-readable rules for one customer."""

from tools.eligibility.engine import (
    check_eligibility,
    eligibility_facts,
    eligibility_of,
    evaluate_rules,
)
from tools.eligibility.models import Eligibility, EligibilityRequest, RuleResult

__all__ = [
    "Eligibility",
    "EligibilityRequest",
    "RuleResult",
    "check_eligibility",
    "eligibility_facts",
    "eligibility_of",
    "evaluate_rules",
]
