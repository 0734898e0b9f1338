"""The metadata stored beside every model artifact (``metadata.json``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

ModelKind = Literal["propensity", "credibility", "churn"]
"""The model families the registry knows."""


class FairnessCheck(BaseModel):
    """Result of the check that no protected attribute or obvious proxy drives the score."""

    protected_features_found: list[str] = Field(
        description="Features whose name matches a protected attribute (should be empty)."
    )
    proxy_features_reviewed: list[str] = Field(
        description="Features that could act as a proxy (e.g. country) and were measured."
    )
    max_proxy_share: float = Field(
        description="Largest share of total absolute contribution taken by a reviewed proxy."
    )
    passed: bool = Field(description="True when no protected feature exists and proxies are minor.")
    note: str = Field(description="Plain-words explanation of the result.")


class ModelMetadata(BaseModel):
    """Everything a reviewer needs to know about one trained model version."""

    kind: ModelKind = Field(description="Model family: propensity, credibility or churn.")
    version: str = Field(description="Unique version id, e.g. propensity-20261122T040000-3f2a.")
    trained_at: datetime = Field(description="When the model was trained (UTC).")
    data_snapshot: str = Field(description="Snapshot date of the book the features were built at.")
    data_source: str = Field(description="Where the training data came from (DB URL or file).")
    n_rows: int = Field(description="Number of training rows (customers).")
    features: list[str] = Field(description="Input feature names, in model order.")
    learner: str = Field(description="Learner and its key parameters, in words.")
    metrics: dict[str, Any] = Field(
        default_factory=dict, description="Holdout metrics (per product where relevant)."
    )
    calibration: dict[str, Any] = Field(
        default_factory=dict, description="Reliability tables: predicted vs observed by bin."
    )
    fairness: FairnessCheck | None = Field(None, description="Protected-attribute/proxy check.")
    limits: list[str] = Field(default_factory=list, description="Known limits, in plain words.")
    notes: dict[str, Any] = Field(default_factory=dict, description="Kind-specific extra facts.")
    feedback: dict[str, Any] | None = Field(
        None,
        description="What the training learned from offers' outcomes and advisors' ratings "
        "(None: the model kind does not learn from them).",
    )
