"""Load the per-country rules of B2B e-mail to a named person (``b2b_email.yaml`` beside this)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from tools.foundation.errors import InvalidInput

RULES_FILE = Path(__file__).parent / "b2b_email.yaml"
COUNTRIES = frozenset({"DK", "FI", "IS", "NO", "SE"})
"""The countries the insurer sells in: each needs a rule (a test holds this to the catalogue)."""


class RegulationRef(BaseModel):
    """A regulation a rule rests on."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, description="Stable reference id, e.g. SE-MFL-19.")
    text: str = Field(min_length=1, description="The act and section, and what it says.")


class B2BEmailRule(BaseModel):
    """How one country treats marketing e-mail to a named person at a company customer."""

    model_config = ConfigDict(extra="forbid")

    country: str = Field(description="Country code.")
    law: Literal["consent", "opt_out"] = Field(
        description="What the act asks of e-mail to a named person at a company: prior"
        " consent, or opt-out for legal persons (our policy asks consent either way)."
    )
    soft_opt_in: bool = Field(
        description="The existing-customer exception (soft opt-in) applies in this country."
    )
    named_person: str = Field(min_length=1, description="The treatment in plain words.")
    references: list[RegulationRef] = Field(
        min_length=1, description="The regulations the treatment rests on."
    )


class B2BEmailRules(BaseModel):
    """The versioned rules of B2B e-mail to a named person, one per country."""

    model_config = ConfigDict(extra="forbid")

    version: str = Field(min_length=1, description="Rules version, kept with every decision.")
    description: str = Field(description="What the rules are about.")
    soft_opt_in_requires: list[str] = Field(
        min_length=1, description="The conditions of the soft opt-in, in plain words."
    )
    countries: dict[str, B2BEmailRule] = Field(description="The rule of each country.")

    @model_validator(mode="before")
    @classmethod
    def _country_into_rule(cls, data: object) -> object:
        if isinstance(data, dict) and isinstance(data.get("countries"), dict):
            data = dict(data)
            data["countries"] = {
                code: {"country": code, **rule} if isinstance(rule, dict) else rule
                for code, rule in data["countries"].items()
            }
        return data

    @model_validator(mode="after")
    def _every_country_once(self) -> B2BEmailRules:
        if set(self.countries) != COUNTRIES:
            missing = sorted(COUNTRIES - set(self.countries))
            extra = sorted(set(self.countries) - COUNTRIES)
            raise ValueError(
                f"countries must be {sorted(COUNTRIES)}: missing {missing}, extra {extra}"
            )
        for code, rule in self.countries.items():
            if rule.country != code:
                raise ValueError(f"the rule under {code} names country {rule.country}")
        return self

    def rule(self, country: str) -> B2BEmailRule:
        """Return a country's rule.

        Raises:
            InvalidInput: the country is not one the insurer sells in.
        """
        found = self.countries.get(country.strip().upper())
        if found is None:
            raise InvalidInput(
                f"No B2B e-mail rule for country {country!r}; expected one of "
                f"{', '.join(sorted(COUNTRIES))}."
            )
        return found


def load_b2b_email_rules(path: Path | None = None) -> B2BEmailRules:
    """Load and validate the rules (``b2b_email.yaml`` unless another file is given).

    Raises:
        pydantic.ValidationError: the file breaks the schema (a country missing, a field
            misspelt, a rule without a regulation reference).
    """
    if path is None:
        return _shipped_rules()
    with path.open(encoding="utf-8") as handle:
        return B2BEmailRules.model_validate(yaml.safe_load(handle))


@lru_cache(maxsize=1)
def _shipped_rules() -> B2BEmailRules:
    # Cached: the shipped rules are versioned, not edited live.
    return load_b2b_email_rules(RULES_FILE)
