"""The drafts dataset: advisor requests, what the draft must state, and a usefulness rubric.

Each case is one advisor request about one customer on one channel. The expectations are
what a reader can check in the text: the language it must be written in, the contact it
greets, the trigger it must state (figures and words), and rubric criteria that a judge (an
LLM when one is configured, a deterministic proxy otherwise) marks as met or not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, ValidationError, model_validator

from copilot.plan import Channel
from tools.foundation.errors import InvalidInput

DATASET = Path(__file__).resolve().parent.parent / "datasets" / "drafts.yaml"
LANGUAGES = ("en", "sv", "nb", "da", "fi", "is")

Proxy = Literal["trigger", "contact", "products", "length", "grounded", "passed"]
"""The deterministic check that stands in for a criterion when no LLM judge is configured."""


class Criterion(BaseModel):
    """One usefulness criterion of the rubric."""

    id: str = Field(description="Criterion id, unique within the case.")
    text: str = Field(description="The criterion in words, as the judge reads it.")
    proxy: Proxy = Field(description="Deterministic stand-in check (no LLM judge).")


class Trigger(BaseModel):
    """What the draft must say about why we write now."""

    figures: list[str] = Field(
        default_factory=list, description="Figures from the tools that must appear (as digits)."
    )
    words: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Per language, words of which at least one must appear (case-insensitive).",
    )


class DraftCase(BaseModel):
    """One advisor request and what its draft must show."""

    id: str = Field(description="Case id.")
    tags: list[str] = Field(default_factory=list, description="Use case, channel, language.")
    advisor: str = Field(description="The authenticated advisor (run context).")
    customer: str = Field(description="The customer the turn is about.")
    message: str = Field(description="The advisor's request.")
    channel: Channel = Field(description="The format asked for.")
    language: Literal["en", "sv", "nb", "da", "fi", "is"] = Field(
        description="The language the whole draft must be in (the contact's or customer's)."
    )
    contact: str | None = Field(
        None, description="Id of the contact to address (None: the primary contact)."
    )
    greets: str | None = Field(None, description="First name the draft must greet.")
    products: list[str] = Field(
        default_factory=list, description="Product codes the draft must present (cited)."
    )
    trigger: Trigger = Field(default_factory=Trigger, description="The trigger to state.")
    rubric: list[Criterion] = Field(min_length=1, description="Usefulness criteria.")

    @model_validator(mode="after")
    def _unique_criteria(self) -> DraftCase:
        ids = [criterion.id for criterion in self.rubric]
        if len(ids) != len(set(ids)):
            raise ValueError(f"case {self.id}: rubric criterion ids repeat")
        unknown = sorted(set(self.trigger.words) - set(LANGUAGES))
        if unknown:
            raise ValueError(f"case {self.id}: trigger words in unknown languages {unknown}")
        return self


class DraftsDataset(BaseModel):
    """The versioned case list."""

    id: str = Field(description="Dataset id.")
    version: str = Field(description="Dataset version, recorded with every result.")
    cases: list[DraftCase] = Field(min_length=1, description="The cases.")

    @model_validator(mode="after")
    def _unique_ids(self) -> DraftsDataset:
        ids = [case.id for case in self.cases]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"case ids repeat: {repeated}")
        return self


def load_dataset(path: Path = DATASET) -> DraftsDataset:
    """Load and validate the drafts dataset.

    Raises:
        InvalidInput: the file is missing or does not fit the schema (the message says where).
    """
    try:
        with path.open(encoding="utf-8") as handle:
            return DraftsDataset.model_validate(yaml.safe_load(handle))
    except FileNotFoundError as error:
        raise InvalidInput(f"Drafts dataset {path} not found.") from error
    except (ValidationError, yaml.YAMLError) as error:
        raise InvalidInput(f"Drafts dataset {path} is invalid: {error}") from error
