"""Load the versioned eligibility rule pack (``rules.yaml`` beside this module)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field

RULES_PATH = Path(__file__).parent / "rules.yaml"

RuleCategory = Literal["product", "conduct"]


class Availability(BaseModel):
    """Countries each product is sold in."""

    default: list[str] = Field(description="Countries of every product not listed.")
    products: dict[str, list[str]] = Field(
        default_factory=dict, description="Countries of products sold in fewer countries."
    )

    def countries(self, product: str) -> list[str]:
        """Return the countries a product is sold in."""
        return self.products.get(product, self.default)


class RuleSpec(BaseModel):
    """One rule of the pack: which check it runs and what it means."""

    id: str = Field(description="Stable rule id, quoted in every result.")
    check: str = Field(description="Name of the check function in tools/eligibility/checks.py.")
    category: RuleCategory = Field(description="product: suitability; conduct: may offer now.")
    description: str = Field(description="What passing the rule means, in plain words.")


class EligibilityRulePack(BaseModel):
    """The whole versioned eligibility rule pack."""

    version: str = Field(description="Rule-pack version, stored with every decision.")
    availability: Availability = Field(description="Country availability per product.")
    excluded_industries: dict[str, list[str]] = Field(
        default_factory=dict, description="Industries excluded per product."
    )
    rules: list[RuleSpec] = Field(description="Rules in evaluation order.")


@lru_cache(maxsize=1)
def load_eligibility_rules() -> EligibilityRulePack:
    """Load and validate the eligibility rule pack (cached: the file is versioned)."""
    with RULES_PATH.open(encoding="utf-8") as handle:
        return EligibilityRulePack.model_validate(yaml.safe_load(handle))
