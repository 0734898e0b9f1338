"""Versioned templates of the offline drafter, one YAML file per channel and language."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field

from copilot.plan import Channel
from prompts.registry import PromptRef

TEMPLATE_DIR = Path(__file__).parent / "templates"
FALLBACK_LANGUAGE = "en"


class DraftTemplate(BaseModel):
    """The sentences of one channel in one language; ``{fields}`` are filled from facts only."""

    id: str = Field(description="Template id, e.g. offline_email.")
    version: int = Field(description="Template version, recorded with every draft.")
    language: str = Field(description="Language of the sentences.")
    sha256: str = Field("", description="Hex sha256 of the template file.")
    subject: str | None = Field(None, description="Subject line (emails only).")
    marketing: str = Field(description="Marketing label naming the insurer.")
    greeting: str = Field(description="Greeting with the customer's name.")
    intro_sales: str = Field(description="Opening when sales contact is allowed.")
    intro_review: str = Field(description="Opening of an invitation to a cover review.")
    product: str = Field(description="One product: name, description, citation.")
    review: str = Field(description="One held product due for review, cited.")
    product_priced: str = Field(description="One bundle part: name and separate price, cited.")
    exclusion: str = Field(description="The product's main exclusion, cited.")
    price: str = Field(description="Indicative price line ('indicative, not an offer').")
    bundle: str = Field(description="Bundle line: price, saving, parts sold separately.")
    note: str = Field("- {note}", description="One advisor-facing point (talking points).")
    closing: str = Field(description="Invitation to talk.")
    insurer_line: str = Field(description="Which insurer carries the risk.")
    opt_out: str = Field(description="Right to object / opt-out notice.")
    signoff: str = Field(description="Closing signature.")

    @property
    def ref(self) -> PromptRef:
        """Return the identity recorded with a draft (same shape as an LLM prompt's)."""
        return PromptRef(id=f"{self.id}.{self.language}", version=self.version, sha256=self.sha256)


def template_path(channel: Channel, language: str) -> Path:
    """Return the file of a channel's template in a language (it may not exist)."""
    return TEMPLATE_DIR / f"{channel}.{language}.yaml"


def has_template(channel: Channel, language: str) -> bool:
    """Return whether the drafter can write this channel in this language."""
    return template_path(channel, language).is_file()


@lru_cache(maxsize=64)
def load_template(channel: Channel, language: str) -> DraftTemplate:
    """Load the template of a channel, in the language if it exists, else in English.

    Args:
        channel: Outreach format.
        language: Wanted language code (sv, nb, da, fi, is, en).

    Returns:
        The template (its ``language`` says which one was used).
    """
    chosen = language if has_template(channel, language) else FALLBACK_LANGUAGE
    raw = template_path(channel, chosen).read_bytes()
    data = yaml.safe_load(raw)
    return DraftTemplate(language=chosen, sha256=hashlib.sha256(raw).hexdigest(), **data)
