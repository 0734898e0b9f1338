"""Advisors' ratings of recommendations and drafts (1-5 stars, reason codes, a short comment)."""
