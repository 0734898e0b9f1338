"""Churn probability, customer lifetime value and the Top Defend list."""

from tools.churn.clv import ClvParts, clv_of
from tools.churn.scorer import ChurnPart, ChurnScorer, churn_part, churn_scorer
from tools.churn.scoring import (
    ChurnCLV,
    DefendEntry,
    churn_book,
    churn_clv,
    churn_from_part,
    top_defend,
)

__all__ = [
    "ChurnCLV",
    "ChurnPart",
    "ChurnScorer",
    "ClvParts",
    "DefendEntry",
    "churn_book",
    "churn_clv",
    "churn_from_part",
    "churn_part",
    "churn_scorer",
    "clv_of",
    "top_defend",
]
