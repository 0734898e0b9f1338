"""The channel limits live in one place and count what a reader sees."""

from __future__ import annotations

from copilot.drafting.formats import (
    CALL_SCRIPT_SECTIONS,
    EMAIL_MAX_WORDS,
    FORMATS,
    PORTAL_MAX_WORDS,
    TALKING_POINTS_MAX_BULLETS,
    bullet_count,
    within_limits,
    word_count,
)
from copilot.drafting.writer import CHANNEL_LENGTH


def test_the_seed_limits() -> None:
    assert (EMAIL_MAX_WORDS, PORTAL_MAX_WORDS, TALKING_POINTS_MAX_BULLETS) == (180, 90, 6)
    assert CALL_SCRIPT_SECTIONS == (
        "opening",
        "permission",
        "need",
        "proposal",
        "objection",
        "next_step",
    )


def test_citation_markers_are_not_words() -> None:
    assert word_count("Cyber cover [product-cyber@1.0#1] for you.") == 4
    assert word_count("Omsättningen har ökat med 42,9 %") == 6


def test_bullets_are_lines_that_start_with_a_dash() -> None:
    assert bullet_count("Heading\n- one\n- two\n  - not a bullet\nx - y") == 2


def test_limits_are_checked_per_channel() -> None:
    assert within_limits("portal_message", "word " * PORTAL_MAX_WORDS)
    assert not within_limits("portal_message", "word " * (PORTAL_MAX_WORDS + 1))
    assert not within_limits("talking_points", "- point\n" * (TALKING_POINTS_MAX_BULLETS + 1))


def test_the_llm_prompt_states_the_same_limits() -> None:
    assert CHANNEL_LENGTH["email"] == "180 words in the body"
    assert CHANNEL_LENGTH["portal_message"] == "90 words"
    assert set(CHANNEL_LENGTH) == set(FORMATS)
