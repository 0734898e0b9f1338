"""The compliance gate: every drafted message passes here before an advisor may approve it.

The gate is deterministic and code-first: it runs every rule of the country's rule pack
that applies to the channel and returns a report; it never raises on odd text. An
optional ``LLMReviewer`` may add findings, never remove them, so it cannot turn a failed
report into a pass.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from copilot.compliance import (
    banned_claims,
    channel_rules,
    contacts,
    disclosures,
    language_rules,
    personal_data,
)
from copilot.compliance.check_input import CheckInput
from copilot.compliance.facts import check_grounded_figures, collect_facts
from copilot.compliance.lexicon import all_languages, message_lexicon
from copilot.compliance.models import (
    ComplianceContext,
    ComplianceReport,
    DraftText,
    Finding,
    RuleRef,
)
from copilot.compliance.rulepacks import RulePack, load_rule_pack
from copilot.compliance.tokens import normalise_text, tokenise

Rule = Callable[[CheckInput], list[Finding]]

RULES: dict[str, Rule] = {
    "figures.ungrounded": check_grounded_figures,
    "claims.absolute": banned_claims.check_absolute_claims,
    "claims.urgency": banned_claims.check_urgency,
    "claims.comparison": banned_claims.check_comparisons,
    "claims.disparaging": banned_claims.check_disparaging,
    "claims.cancel_first": banned_claims.check_cancel_first,
    "security.credentials_request": banned_claims.check_credential_requests,
    "privacy.special_category": personal_data.check_special_category,
    "privacy.personal_identifier": personal_data.check_personal_identifiers,
    "disclosure.insurer_identity": disclosures.check_insurer_identity,
    "disclosure.marketing_label": disclosures.check_marketing_label,
    "disclosure.opt_out": disclosures.check_opt_out,
    "disclosure.indicative_price": disclosures.check_indicative_price,
    "disclosure.bundle_parts": disclosures.check_bundle_parts,
    "disclosure.benefit_limits": disclosures.check_benefit_limits,
    "citations.unretrieved": disclosures.check_citation_origin,
    "citations.missing": disclosures.check_citation_present,
    "citations.id_in_text": contacts.check_citation_ids,
    "contact.unverified": contacts.check_contacts,
    "language.mismatch": language_rules.check_language_mismatch,
    "language.mixed": language_rules.check_language_mixed,
    "channel.consent": channel_rules.check_consent,
    "channel.objection": channel_rules.check_objection,
    "channel.care": channel_rules.check_care,
    "channel.contact_policy": channel_rules.check_contact_policy,
}
"""Every rule the gate knows, by the id rule packs use."""


class LLMReviewer(Protocol):
    """A second opinion (e.g. an LLM) that may add findings the code rules cannot see."""

    def review(self, draft: DraftText, facts: object, context: ComplianceContext) -> list[Finding]:
        """Return extra findings for the draft (never a verdict)."""
        ...


def _prepare(
    draft: DraftText, facts: object, context: ComplianceContext, pack: RulePack
) -> CheckInput:
    language = draft.language
    additions = pack.lexicon.get(language)
    lexicon = message_lexicon(language, additions)
    text = normalise_text(draft.full_text)
    claims = all_languages().merged(additions) if additions else all_languages()
    return CheckInput(
        draft=draft,
        context=context,
        text=text,
        tokens=tokenise(text, lexicon.clause_breaks),
        lexicon=lexicon,
        claims=claims,
        facts=facts,
        truth=collect_facts(facts),
        language=language,
    )


def _run_rules(check: CheckInput, pack: RulePack) -> tuple[list[Finding], list[RuleRef]]:
    findings: list[Finding] = []
    checked: list[RuleRef] = []
    for rule_id, setting in pack.rules.items():
        rule = RULES.get(rule_id)
        if rule is None or not setting.applies_to(check.context.channel):
            continue
        checked.append(RuleRef(id=rule_id, version=setting.version))
        for finding in rule(check):
            findings.append(finding.model_copy(update={"severity": setting.severity}))
    return findings, checked


def check_draft(
    draft: DraftText,
    facts: object,
    context: ComplianceContext,
    reviewer: LLMReviewer | None = None,
) -> ComplianceReport:
    """Check a drafted message against the country's rule pack.

    Args:
        draft: The message (subject line included in every check).
        facts: Tool outputs (any JSON-like value); every figure in it counts as grounded.
        context: Customer flags and channel, from the tools, never from the text.
        reviewer: Optional second opinion; its findings are added, never subtracted.

    Returns:
        The report: passed is True only when no finding blocks.

    Raises:
        UnknownCountry: no rule pack exists for ``context.country``.
    """
    pack = load_rule_pack(context.country)
    check = _prepare(draft, facts, context, pack)
    findings, checked = _run_rules(check, pack)
    if reviewer is not None:
        extra = reviewer.review(draft, facts, context)
        findings.extend(extra)
        checked.append(RuleRef(id="reviewer", version=type(reviewer).__name__))
    return ComplianceReport.from_findings(findings, pack.ref, checked)
