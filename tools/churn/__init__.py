"""Churn probability, customer lifetime value and the Top Defend list."""

from tools.churn.scoring import ChurnCLV, DefendEntry, churn_book, churn_clv, top_defend

__all__ = ["ChurnCLV", "DefendEntry", "churn_book", "churn_clv", "top_defend"]
