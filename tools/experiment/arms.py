"""The one home of strategy-arm assignment: champion, challenger or control, by stable hashing.

A customer's arm is a pure function of their id, the experiment's salt and the shares: the
SHA-256 of ``salt:customer_id`` read as a number in [0, 1) puts the lowest ``control_share``
in control (no proactive cross-sell), the next ``challenger_share`` on the challenger model,
and everyone else on the champion. The same customer always lands in the same arm, in any
process, and changing the salt reshuffles the whole book at once.
"""

from __future__ import annotations

import hashlib
from typing import Literal, Self

from pydantic import BaseModel, Field, model_validator

Arm = Literal["champion", "challenger", "control"]
ARMS: tuple[Arm, ...] = ("champion", "challenger", "control")


class InvalidExperiment(ValueError):
    """The experiment's shares do not add up to a valid split."""


class Experiment(BaseModel):
    """How customers are split into arms."""

    salt: str = Field("2026.12", min_length=1, description="Salt of the hash; new salt, new split.")
    control_share: float = Field(0.0, ge=0.0, lt=1.0, description="Share held out as control.")
    challenger_share: float = Field(0.0, ge=0.0, lt=1.0, description="Share on the challenger.")

    @model_validator(mode="after")
    def _shares_fit(self) -> Self:
        if self.control_share + self.challenger_share >= 1.0:
            raise InvalidExperiment(
                "control_share + challenger_share must stay below 1 so the champion keeps "
                f"customers (got {self.control_share} + {self.challenger_share})"
            )
        return self


def bucket(customer_id: str, salt: str) -> float:
    """Return the customer's stable position in [0, 1) for this salt."""
    digest = hashlib.sha256(f"{salt}:{customer_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def arm_of(customer_id: str, experiment: Experiment) -> Arm:
    """Return the customer's strategy arm under the experiment."""
    position = bucket(customer_id, experiment.salt)
    if position < experiment.control_share:
        return "control"
    if position < experiment.control_share + experiment.challenger_share:
        return "challenger"
    return "champion"
