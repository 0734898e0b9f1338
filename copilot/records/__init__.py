"""Stored records of copilot turns: approvals, drafts and their evidence."""
