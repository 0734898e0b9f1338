"""The versioned retrieval question set (``evals/datasets/retrieval.yaml``)."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, Field, model_validator

from evals.results import suite_thresholds

DATASET_PATH = Path(__file__).resolve().parent.parent / "datasets" / "retrieval.yaml"


class Filters(BaseModel):
    """Metadata filters a question is asked with (as an advisor's UI would send them)."""

    products: list[str] | None = Field(None, description="Product codes to restrict to.")
    countries: list[str] | None = Field(None, description="Country codes to restrict to.")
    types: list[str] | None = Field(None, description="Document types to restrict to.")


class Item(BaseModel):
    """One labelled question."""

    id: str = Field(description="Stable question id, e.g. q001.")
    question: str = Field(description="The question in plain words.")
    relevant: list[str] = Field(min_length=1, description="doc_ids that answer the question.")
    filters: Filters = Field(default_factory=Filters, description="Filters sent with the query.")


class Thresholds(BaseModel):
    """Pass marks of the suite."""

    recall_at_k: float = Field(description="Minimum mean recall@k.")
    p95_latency_ms: float = Field(description="Maximum 95th percentile query latency, ms.")


def central_thresholds() -> Thresholds:
    """Return the suite's pass marks from ``evals/thresholds.yaml`` (their one home)."""
    marks = suite_thresholds("retrieval")
    return Thresholds(
        recall_at_k=marks["recall_at_k"].min, p95_latency_ms=marks["p95_latency_ms"].max
    )


class Dataset(BaseModel):
    """The whole question set with its version and thresholds."""

    version: str = Field(description="Dataset version, recorded in every report.")
    k: int = Field(5, description="Passages retrieved per question.")
    latency_repeats: int = Field(
        3, ge=1, description="Timed runs per question; the median is its latency."
    )
    thresholds: Thresholds = Field(
        default_factory=lambda: central_thresholds(),
        description="Pass marks (from evals/thresholds.yaml unless a test overrides them).",
    )
    items: list[Item] = Field(description="Labelled questions.")

    @model_validator(mode="after")
    def _unique_ids(self) -> Dataset:
        ids = [item.id for item in self.items]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate question ids: {duplicates}")
        return self


def load_dataset(path: Path = DATASET_PATH) -> Dataset:
    """Load and validate the question set."""
    with path.open(encoding="utf-8") as handle:
        return Dataset.model_validate(yaml.safe_load(handle))
