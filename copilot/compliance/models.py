"""The gate's inputs (draft text, customer context) and output (findings, report)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from copilot.plan import Channel

Severity = Literal["block", "warn"]
"""`block` stops the draft from being approved; `warn` is shown to the advisor."""

LANGUAGES: tuple[str, ...] = ("en", "sv", "da", "nb", "fi", "is")
"""Languages the lexicons cover; `no` is read as `nb`."""


def normalise_language(value: str) -> str:
    """Return the lexicon language code for a language tag (`no`, `nb-NO` -> `nb`).

    Raises:
        ValueError: the language has no lexicon.
    """
    code = value.strip().lower().replace("_", "-").split("-")[0]
    code = "nb" if code in ("no", "nn") else code
    if code not in LANGUAGES:
        raise ValueError(f"Unknown language {value!r}; known: {', '.join(LANGUAGES)} (and no).")
    return code


class DraftText(BaseModel):
    """A drafted outreach message as the advisor would send or say it."""

    subject: str | None = Field(None, description="Subject line (emails); part of the message.")
    body: str = Field(description="The message text.")
    channel: Channel = Field(description="Outreach format of the draft.")
    language: str = Field("en", description="Language code: en, sv, da, nb (or no), fi, is.")
    citations: list[str] = Field(
        default_factory=list, description="Knowledge chunk ids the text cites."
    )

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        return normalise_language(value)

    @property
    def full_text(self) -> str:
        """Return the subject line and body as one text (the subject is checked too)."""
        return f"{self.subject}\n{self.body}" if self.subject else self.body


class ComplianceContext(BaseModel):
    """What the tools know about the customer and the channel; identity never comes from text.

    Unknown fields are refused: a misspelt flag (``objection`` for ``objection_to_marketing``)
    would otherwise be dropped and the check run as if the customer had not objected.
    """

    model_config = ConfigDict(extra="forbid")

    country: str = Field(description="Customer country code: SE, NO, DK, FI or IS.")
    language: str = Field(
        "en", description="Customer language (the text is read in the draft's own language)."
    )
    channel: Channel = Field(description="Outreach format being checked.")
    insurer_name: str = Field(description="The insurer that carries the risk.")
    retrieved_chunk_ids: list[str] | None = Field(
        default_factory=list,
        description="Chunk ids retrieval returned; None skips the citation-origin check.",
    )
    consent: dict[str, bool | None] = Field(
        default_factory=dict,
        description="Marketing consent per contact channel (email, phone, portal) as the"
        " contactability module decided it; missing or None means no (fail closed).",
    )
    objection_to_marketing: bool = Field(
        False, description="The customer objected to direct marketing (GDPR Art. 21)."
    )
    care_flag: bool = Field(
        False, description="Vulnerable or recently claiming customer: care, not a sale."
    )
    contact_policy_blocks: list[str] = Field(
        default_factory=list,
        description="Contact-policy rules that block sales contact now, e.g. claim_within_30_days.",
    )
    is_existing_customer: bool = Field(False, description="The customer holds a policy today.")
    known_contacts: list[str] = Field(
        default_factory=list,
        description="Contact details a draft may carry besides those in the facts: the"
        " insurer's website, e-mail and phone, the advisor's own address (settings, run context).",
    )
    person_names: list[str] = Field(
        default_factory=list,
        description="Names of people the tools know (the recipient's first and family name):"
        " special-category data next to one is about that person.",
    )
    products_mentioned: list[str] | None = Field(
        None, description="Product codes the draft is about, when the drafter knows them."
    )

    @field_validator("country")
    @classmethod
    def _upper_country(cls, value: str) -> str:
        return value.strip().upper()

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        return normalise_language(value)


class Finding(BaseModel):
    """One problem the gate found in a draft."""

    rule: str = Field(description="Rule id, e.g. figures.ungrounded.")
    severity: Severity = Field(description="block stops approval; warn informs the advisor.")
    message: str = Field(description="What is wrong and how to fix it, for a person.")
    excerpt: str = Field("", description="The offending piece of text (may be empty).")


class RuleRef(BaseModel):
    """A rule or rule pack identified by id and version (stored with every approval)."""

    id: str = Field(description="Rule or rule-pack id.")
    version: str = Field(description="Version of the rule or rule pack.")


class ComplianceReport(BaseModel):
    """The gate's verdict: passed means no block finding."""

    passed: bool = Field(description="True when no finding has severity block.")
    findings: list[Finding] = Field(default_factory=list, description="Everything found.")
    rule_pack: RuleRef = Field(description="The country rule pack that was applied.")
    checked_rules: list[RuleRef] = Field(
        default_factory=list, description="Every rule that ran, with its version."
    )

    @classmethod
    def from_findings(
        cls, findings: list[Finding], rule_pack: RuleRef, checked_rules: list[RuleRef]
    ) -> ComplianceReport:
        """Build a report whose verdict follows from the findings."""
        passed = not any(finding.severity == "block" for finding in findings)
        return cls(
            passed=passed, findings=findings, rule_pack=rule_pack, checked_rules=checked_rules
        )
