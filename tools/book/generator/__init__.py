"""Synthetic Nordic SME book generator: deterministic by seed, streamed in batches."""

from tools.book.generator.book_writer import ADVISORS, BookSpec, generate_book

__all__ = ["ADVISORS", "BookSpec", "generate_book"]
