"""Maker-checker: which drafts compliance must see before they go out, and the review queue."""
