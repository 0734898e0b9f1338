"""Everything one rule needs to check a draft, prepared once per gate run."""

from __future__ import annotations

from dataclasses import dataclass

from copilot.compliance.facts import GroundTruth
from copilot.compliance.lexicon import Lexicon
from copilot.compliance.models import ComplianceContext, DraftText
from copilot.compliance.tokens import TokenList


@dataclass(frozen=True)
class CheckInput:
    """The draft, its context and facts, and the text already split into tokens."""

    draft: DraftText
    context: ComplianceContext
    text: str
    """Subject line and body, with odd spaces normalised."""
    tokens: TokenList
    """Lowercase word tokens of ``text`` with clause numbers."""
    lexicon: Lexicon
    """The message language's words, English and the rule pack's additions."""
    claims: Lexicon
    """Claims, urgency, credentials and special-category terms of every language."""
    facts: object
    """The tool outputs as given (contact details are looked up in them)."""
    truth: GroundTruth
    """Every figure the tools produced."""
    language: str
    """Language used to read the text (the draft's)."""
