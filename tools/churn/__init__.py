"""Churn probability, customer lifetime value and the Top Defend list."""
