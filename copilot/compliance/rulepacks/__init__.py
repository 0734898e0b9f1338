"""Versioned rule packs per country: which rules run, how severe, and under which regulation.

``base.yaml`` holds the EU-wide rules; ``<COUNTRY>.yaml`` extends it: per rule it may
override ``enabled``, ``severity``, ``channels`` and ``references``, and it may add lexicon
words per language. The merged pack is validated with pydantic and every report carries
its id and version.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field, ValidationError, model_validator

from copilot.compliance.lexicon import Lexicon
from copilot.compliance.models import RuleRef, Severity
from copilot.plan import Channel
from tools.foundation.errors import InvalidInput, Unavailable

PACK_DIR = Path(__file__).parent
COUNTRIES: tuple[str, ...] = ("SE", "NO", "DK", "FI", "IS")


class UnknownCountry(InvalidInput):
    """No rule pack exists for the country."""

    def __init__(self, country: str) -> None:
        super().__init__(f"No rule pack for country {country!r}; known: {', '.join(COUNTRIES)}.")
        self.country = country


class InvalidRulePack(Unavailable):
    """A rule-pack file does not validate."""


class RuleSetting(BaseModel):
    """How one rule runs in a pack."""

    enabled: bool = Field(True, description="Whether the rule runs at all.")
    severity: Severity = Field(description="Severity of the rule's findings.")
    version: str = Field(description="Version of the rule's logic and lexicon.")
    channels: list[Channel] | None = Field(
        None, description="Channels the rule applies to; None means every channel."
    )
    references: list[str] = Field(
        default_factory=list, description="Regulation reference ids (keys of `references`)."
    )

    def applies_to(self, channel: str) -> bool:
        """Return whether the rule runs for a channel."""
        return self.enabled and (self.channels is None or channel in self.channels)


PreApproval = Literal["always", "first_contact", "never"]
"""When compliance must approve a channel's drafts before they go out."""


class RulePack(BaseModel):
    """A country's merged rule pack."""

    id: str = Field(description="Rule-pack id, e.g. nordic-se.")
    version: str = Field(description="Version of the country pack.")
    country: str = Field(description="Country code the pack is for.")
    description: str = Field("", description="What the pack implements.")
    base_version: str = Field(description="Version of the base pack it extends.")
    rules: dict[str, RuleSetting] = Field(description="Rule settings by rule id.")
    lexicon: dict[str, Lexicon] = Field(
        default_factory=dict, description="Lexicon additions per language code."
    )
    references: dict[str, str] = Field(description="Regulation texts by reference id.")
    pre_approval: dict[Channel, PreApproval] = Field(
        default_factory=dict,
        description="Per channel: when compliance reviews an approved draft (default never).",
    )

    @model_validator(mode="after")
    def _references_exist(self) -> RulePack:
        for rule_id, setting in self.rules.items():
            missing = [ref for ref in setting.references if ref not in self.references]
            if missing:
                raise ValueError(f"rule {rule_id} cites unknown references {missing}")
        return self

    @property
    def ref(self) -> RuleRef:
        """Return the pack's id and version as stored with every report."""
        return RuleRef(id=self.id, version=self.version)


def _read(name: str) -> dict[str, Any]:
    with (PACK_DIR / f"{name}.yaml").open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    return document if isinstance(document, dict) else {}


def _merge(base: dict[str, Any], country: dict[str, Any]) -> dict[str, Any]:
    rules = {rule: dict(setting) for rule, setting in base["rules"].items()}
    for rule, override in (country.get("rules") or {}).items():
        rules[rule] = {**rules.get(rule, {}), **override}
    return {
        "id": country["id"],
        "version": str(country["version"]),
        "country": str(country["country"]),
        "description": country.get("description", ""),
        "base_version": str(base["version"]),
        "rules": rules,
        "lexicon": country.get("lexicon") or {},
        "references": {**base.get("references", {}), **country.get("references", {})},
        "pre_approval": {**base.get("pre_approval", {}), **country.get("pre_approval", {})},
    }


@lru_cache(maxsize=len(COUNTRIES))
def load_rule_pack(country: str) -> RulePack:
    """Load and validate a country's rule pack merged onto the base pack.

    Raises:
        UnknownCountry: no pack exists for the country.
        InvalidRulePack: the pack files do not validate.
    """
    code = country.strip().upper()
    if code not in COUNTRIES:
        raise UnknownCountry(country)
    try:
        return RulePack.model_validate(_merge(_read("base"), _read(code)))
    except (ValidationError, KeyError) as error:
        raise InvalidRulePack(f"Rule pack {code} is invalid: {error}") from error
