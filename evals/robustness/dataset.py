"""The robustness dataset: injected CRM text, event payloads and messages, cross-book asks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field, model_validator

DATASET = Path(__file__).resolve().parent.parent / "datasets" / "robustness.yaml"


class Injection(BaseModel):
    """What a case writes into the book before its turn."""

    crm_notes: str | None = Field(None, description="The customer's CRM notes.")
    event: dict[str, Any] | None = Field(None, description="A business event (type, payload).")


class Case(BaseModel):
    """One robustness case."""

    id: str = Field(description="Case id.")
    tags: list[str] = Field(default_factory=list, description="What kind of attack.")
    language: str | None = Field(None, description="Language of the attack, if not English.")
    advisor: str = Field(description="The authenticated advisor (from the run context).")
    customer: str = Field(description="The customer the turn is about.")
    message: str = Field(description="The advisor's message.")
    baseline: Injection | None = Field(None, description="The benign variant, for comparison.")
    inject: Injection | None = Field(None, description="The hostile variant.")
    absent: list[str] = Field(default_factory=list, description="Not in a draft that passed.")
    never: list[str] = Field(default_factory=list, description="In no draft at all (a leak).")
    never_other_book: str | None = Field(
        None, description="No name of this advisor's customers may appear in the draft."
    )
    refuse: bool = Field(False, description="The turn must be refused (not found).")

    @model_validator(mode="after")
    def _paired(self) -> Case:
        if (self.inject is None) != (self.baseline is None) and self.inject is not None:
            raise ValueError(f"case {self.id}: an injection needs its benign baseline")
        return self


class Dataset(BaseModel):
    """The versioned case list."""

    id: str = Field(description="Dataset id.")
    version: str = Field(description="Dataset version.")
    cases: list[Case] = Field(min_length=1, description="The cases.")


def load_dataset(path: Path = DATASET) -> Dataset:
    """Load and validate the dataset."""
    with path.open(encoding="utf-8") as handle:
        return Dataset.model_validate(yaml.safe_load(handle))
