"""One language throughout: the draft is in the requested language, with no foreign passage.

The language itself is read by ``copilot.compliance.language`` (lingua, offline); these rules
turn what it reads into findings. A draft written wholly in another language is a mismatch
(one finding); otherwise every foreign sentence or line is a finding of its own (mixed).
The insurer's name is left out of the reading: it is a name, whatever language it is in.
"""

from __future__ import annotations

from copilot.compliance.check_input import CheckInput
from copilot.compliance.language import foreign_passages, wrong_language
from copilot.compliance.models import Finding


def _ignored(check: CheckInput) -> list[str]:
    return [check.context.insurer_name]


def check_language_mismatch(check: CheckInput) -> list[Finding]:
    """Flag a draft written in another language than the one requested."""
    found = wrong_language(check.text, check.language, _ignored(check))
    if found is None:
        return []
    return [
        Finding(
            rule="language.mismatch",
            severity="block",
            message=f"The draft reads as {found!r}, but the customer's language is"
            f" {check.language!r}; write the whole message in {check.language!r}.",
            excerpt=" ".join(check.text.split())[:120],
        )
    ]


def check_language_mixed(check: CheckInput) -> list[Finding]:
    """Flag each sentence or line written in another language than the draft's."""
    if wrong_language(check.text, check.language, _ignored(check)) is not None:
        return []  # the mismatch finding covers it
    return [
        Finding(
            rule="language.mixed",
            severity="block",
            message=f"This passage is not in {check.language!r}; rephrase it in the message's"
            " language (product wording included) rather than quoting it.",
            excerpt=passage,
        )
        for passage in foreign_passages(check.text, check.language, _ignored(check))
    ]
