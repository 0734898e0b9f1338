"""Versioned templates of the offline drafter, one YAML file per channel and language.

Each channel has a template in every language the book serves (en, sv, nb, da, fi, is);
``phrases.<language>.yaml`` holds the wording every channel shares (why now, the coverage
score, localised product names).
"""

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
LANGUAGES: tuple[str, ...] = ("en", "sv", "nb", "da", "fi", "is")
"""Languages with a template for every channel."""


class DraftTemplate(BaseModel):
    """The sentences of one channel in one language; ``{fields}`` are filled from facts only."""

    id: str = Field(description="Template id, e.g. offline_email.")
    version: int = Field(description="Template version, recorded with every draft.")
    language: str = Field(description="Language of the sentences.")
    sha256: str = Field("", description="Hex sha256 of the template file.")
    subject: str | None = Field(None, description="Subject line with {topic} (emails only).")
    topic_sales: str | None = Field(None, description="Subject topic naming the products.")
    topic_review: str | None = Field(None, description="Subject topic of a review invitation.")
    sections: dict[str, str] = Field(
        default_factory=dict, description="Section labels of a call script, by section id."
    )
    marketing: str = Field(description="Marketing label naming the insurer (spoken in calls).")
    greeting: str = Field(description="Greeting of the recipient by {first_name}.")
    greeting_neutral: str = Field(description="Greeting when no contact person is known.")
    permission: str | None = Field(None, description="Permission question (call scripts).")
    why: str = Field("{why}", description="Why-now line around the sentences ({why}).")
    intro_sales: str = Field(description="Lead-in to the products.")
    intro_review: str = Field(description="Opening of an invitation to a cover review.")
    product: str = Field(description="One product: name, description, citation.")
    product_short: str = Field(description="One product: name and citation (a short draft).")
    review: str = Field(description="One held product due for review, cited.")
    product_priced: str = Field(description="One bundle part: name and separate price, cited.")
    exclusion: str = Field(description="The product's main exclusion or limit, cited.")
    price: str = Field(description="Indicative price line.")
    price_note: str = Field(
        description="'Indicative, not an offer; final price after underwriting'."
    )
    bundle: str = Field(description="Bundle line: price, saving, parts sold separately.")
    note: str = Field("- {note}", description="One advisor-facing point (talking points).")
    cta: str = Field(description="The one call to action of a sales draft.")
    cta_quote: str | None = Field(None, description="The call to action when a price is quoted.")
    cta_review: str = Field(description="The one call to action of a review invitation.")
    terms: str = Field(description="The policy terms decide what is covered.")
    insurer_line: str = Field(description="Which insurer carries the risk.")
    opt_out: str = Field(description="Right to object / opt-out notice.")
    signoff: str = Field(description="Closing signature.")

    @property
    def ref(self) -> PromptRef:
        """Return the identity recorded with a draft (same shape as an LLM prompt's)."""
        return PromptRef(id=f"{self.id}.{self.language}", version=self.version, sha256=self.sha256)


class Phrases(BaseModel):
    """The wording every channel of a language shares: why now, coverage, product names."""

    id: str = Field(description="Phrase book id.")
    version: int = Field(description="Phrase book version.")
    language: str = Field(description="Language of the phrases.")
    products: dict[str, str] = Field(description="Product names by catalogue code (or none).")
    bundles: dict[str, str] = Field(description="Bundle names by catalogue code (or none).")
    why: dict[str, str] = Field(description="Why-now sentences by trigger case.")
    incidents: dict[str, str] = Field(description="Incident sentences by kind, 'default' too.")
    coverage: str = Field(description="The coverage score sentence ({score}).")
    gaps: dict[str, str] = Field(description="Why a gap matters, by the gaps tool's kind.")


def template_path(channel: Channel, language: str) -> Path:
    """Return the file of a channel's template in a language (it may not exist)."""
    return TEMPLATE_DIR / f"{channel}.{language}.yaml"


def has_template(channel: Channel, language: str) -> bool:
    """Return whether the drafter can write this channel in this language."""
    return template_path(channel, language).is_file()


def _language_or_fallback(channel: str, language: str) -> str:
    return (
        language if (TEMPLATE_DIR / f"{channel}.{language}.yaml").is_file() else FALLBACK_LANGUAGE
    )


@lru_cache(maxsize=64)
def load_template(channel: Channel, language: str) -> DraftTemplate:
    """Load the template of a channel, in the language if it exists, else in English.

    Args:
        channel: Outreach format.
        language: Wanted language code (sv, nb, da, fi, is, en).

    Returns:
        The template (its ``language`` says which one was used).
    """
    chosen = _language_or_fallback(channel, language)
    raw = template_path(channel, chosen).read_bytes()
    data = yaml.safe_load(raw)
    return DraftTemplate(language=chosen, sha256=hashlib.sha256(raw).hexdigest(), **data)


@lru_cache(maxsize=16)
def load_phrases(language: str) -> Phrases:
    """Load the shared phrases of a language (English when the language has none)."""
    chosen = _language_or_fallback("phrases", language)
    data = yaml.safe_load((TEMPLATE_DIR / f"phrases.{chosen}.yaml").read_bytes())
    return Phrases(language=chosen, **data)
