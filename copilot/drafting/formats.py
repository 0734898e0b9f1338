"""The length and shape of each outreach format: one home for the limits (drafter and evals).

An email body is at most ``EMAIL_MAX_WORDS`` words, a portal message ``PORTAL_MAX_WORDS``,
talking points at most ``TALKING_POINTS_MAX_BULLETS`` bullets, and a call script follows
``CALL_SCRIPT_SECTIONS`` in order within ``CALL_SCRIPT_MAX_WORDS``. Words are counted as a
reader sees them: citation markers are not words.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from copilot.citations import without_citations
from copilot.plan import Channel

EMAIL_MAX_WORDS = 180
"""Words in an email body (the subject line is not counted)."""
PORTAL_MAX_WORDS = 90
"""Words in a portal message."""
TALKING_POINTS_MAX_BULLETS = 6
"""Bullet points in talking points."""
CALL_SCRIPT_MAX_WORDS = 180
"""Words in a call script: one or two sentences a step (and an LLM revision within budget)."""
CALL_SCRIPT_SECTIONS: tuple[str, ...] = (
    "opening",
    "permission",
    "need",
    "proposal",
    "objection",
    "next_step",
)
"""The steps of a call script, in the order the advisor speaks them."""

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_BULLET = re.compile(r"^- ", re.MULTILINE)


class ChannelFormat(BaseModel):
    """The limits of one outreach format (None: no limit of that kind)."""

    max_words: int | None = Field(None, description="Most words in the body.")
    max_bullets: int | None = Field(None, description="Most bullet points.")
    sections: tuple[str, ...] = Field((), description="Required sections, in order.")
    length_words: str = Field(description="The limit in words, as the LLM prompt states it.")


FORMATS: dict[str, ChannelFormat] = {
    "email": ChannelFormat(
        max_words=EMAIL_MAX_WORDS, length_words=f"{EMAIL_MAX_WORDS} words in the body"
    ),
    "portal_message": ChannelFormat(
        max_words=PORTAL_MAX_WORDS, length_words=f"{PORTAL_MAX_WORDS} words"
    ),
    "call_script": ChannelFormat(
        max_words=CALL_SCRIPT_MAX_WORDS,
        sections=CALL_SCRIPT_SECTIONS,
        length_words="the reference's steps, one or two sentences each",
    ),
    "talking_points": ChannelFormat(
        max_bullets=TALKING_POINTS_MAX_BULLETS,
        length_words=f"{TALKING_POINTS_MAX_BULLETS} bullet points",
    ),
}
"""The format of every channel, by channel name."""


def channel_format(channel: Channel) -> ChannelFormat:
    """Return the limits of a channel."""
    return FORMATS[channel]


def word_count(text: str) -> int:
    """Return the words a reader sees (citation markers removed; "1 790" counts as two)."""
    return len(_WORD.findall(without_citations(text)))


def bullet_count(text: str) -> int:
    """Return the bullet points (lines starting with "- ")."""
    return len(_BULLET.findall(text))


def within_limits(channel: Channel, body: str) -> bool:
    """Return whether a body keeps to its channel's word and bullet limits."""
    limits = channel_format(channel)
    if limits.max_words is not None and word_count(body) > limits.max_words:
        return False
    return limits.max_bullets is None or bullet_count(body) <= limits.max_bullets
