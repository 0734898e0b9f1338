"""The legal notices of a written message are the template's words, whoever phrased the rest.

A model phrases a draft from the offline reference, which carries the insurer that carries
the risk and the right to object in the template's exact words. A small model sometimes
drops them; they are not its to write, so the ones missing are put back, verbatim, before
the sign-off (the gate still checks the result).
"""

from __future__ import annotations

from copilot.drafting.templates import load_template
from copilot.plan import Channel

WRITTEN: frozenset[Channel] = frozenset({"email", "portal_message"})
"""Channels the customer reads as written; call scripts and talking points are said."""


def required_notices(channel: Channel, language: str, insurer: str) -> list[str]:
    """Return the template's insurer line and opt-out notice for a written channel."""
    if channel not in WRITTEN:
        return []
    template = load_template(channel, language)
    return [template.insurer_line.format(insurer=insurer), template.opt_out]


def with_required_notices(body: str, channel: Channel, language: str, insurer: str) -> str:
    """Return the body with each required notice it lacks, verbatim, before the sign-off.

    Args:
        body: The message body as the model wrote it.
        channel: Its format (only e-mail and portal messages are completed).
        language: The language of the template the reference was written from.
        insurer: The insurer that carries the risk.
    """
    missing = [n for n in required_notices(channel, language, insurer) if n not in body]
    if not missing:
        return body
    template = load_template(channel, language)
    signoff = template.signoff.format(insurer=insurer).split("\n")[0]
    head, found, tail = body.rpartition(signoff)
    block = "\n".join(missing)
    if not found:
        return f"{body.rstrip()}\n\n{block}"
    return f"{head.rstrip()}\n\n{block}\n\n{found}{tail}"
