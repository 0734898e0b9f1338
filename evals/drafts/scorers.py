"""What each drafts scorer checks in a draft's text, each one able to fail on its own.

A ``DraftSample`` is one draft with what the scorers need beside its text: the gate's report
on exactly that text (re-checked against the turn's facts, so an altered premium is caught),
the products its citations belong to, and the case's expectations. Every scorer returns a
value for one sample; the suite averages them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from copilot.citations import cited_ids, without_citations
from copilot.compliance.figures import extract_figures
from copilot.compliance.language import foreign_passages, text_language
from copilot.compliance.models import ComplianceReport
from copilot.drafting.formats import within_limits
from copilot.plan import Channel
from evals.drafts.dataset import DraftCase, Proxy

GREETING_CHARS = 400
"""The greeting must come early: the recipient's first name within this much of the body."""
_DIGIT_GROUP = re.compile(r"(?<=\d)[\s\u00a0\u202f.,](?=\d{3}\b)")


@dataclass(frozen=True)
class DraftSample:
    """One draft and what the scorers read beside it."""

    case: DraftCase
    channel: Channel
    language: str
    subject: str | None
    body: str
    report: ComplianceReport
    cited_products: frozenset[str] = field(default_factory=frozenset)

    @property
    def text(self) -> str:
        """Return the whole message as the customer reads it (subject first, no markers)."""
        parts = [self.subject, self.body] if self.subject else [self.body]
        return without_citations("\n".join(parts))

    def rules(self, prefix: str) -> list[str]:
        """Return the rule ids of the report's findings that start with ``prefix``."""
        return [f.rule for f in self.report.findings if f.rule.startswith(prefix)]


def groundedness(sample: DraftSample) -> float:
    """Return the share of figures and cover claims traced to the facts and the citations.

    Figures are read as the gate reads them; a figure the gate finds in no tool output is
    untraced. Each citation is a traced claim; each citation finding (a product named
    without its passage, a passage not retrieved) is an untraced one.
    """
    marked = "\n".join(p for p in (sample.subject, sample.body) if p)
    figures = len(extract_figures(without_citations(marked), sample.language))
    ungrounded = len(sample.rules("figures.ungrounded"))
    uncited = len(sample.rules("citations."))
    traced = max(figures - ungrounded, 0) + len(set(cited_ids(marked)))
    untraced = ungrounded + uncited
    return traced / (traced + untraced) if traced + untraced else 1.0


def disclosures_present(sample: DraftSample) -> bool:
    """Return whether every required disclosure is there (no ``disclosure.*`` finding)."""
    return not sample.rules("disclosure.")


def banned_claims_absent(sample: DraftSample) -> bool:
    """Return whether no absolute, misleading or pressuring claim was found."""
    return not sample.rules("claims.")


def language_correct(sample: DraftSample) -> bool:
    """Return whether the whole text is in the case's language, with no foreign passage."""
    text = sample.text
    return text_language(text) == sample.case.language and not foreign_passages(
        text, sample.case.language
    )


def addressed_to_contact(sample: DraftSample) -> bool:
    """Return whether the draft greets the case's contact by first name, early in the body."""
    name = sample.case.greets
    if name is None:
        return True
    opening = without_citations(sample.body)[:GREETING_CHARS]
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", opening) is not None


def _plain_digits(text: str) -> str:
    """Return the text with digit groups joined (``1 200`` and ``1,200`` read ``1200``)."""
    return _DIGIT_GROUP.sub("", text)


def trigger_stated(sample: DraftSample) -> bool:
    """Return whether the trigger's figures all appear and one of its words does."""
    text = _plain_digits(sample.text)
    for figure in sample.case.trigger.figures:
        if re.search(rf"(?<![\d]){re.escape(figure)}(?![\d])", text) is None:
            return False
    words = sample.case.trigger.words.get(sample.case.language, [])
    folded = text.casefold()
    return not words or any(word.casefold() in folded for word in words)


def within_length(sample: DraftSample) -> bool:
    """Return whether the draft keeps its channel's limits (words, bullets, sections)."""
    return within_limits(sample.channel, sample.body)


def products_presented(sample: DraftSample) -> bool:
    """Return whether every product the case expects is presented with its cited passage."""
    return set(sample.case.products) <= sample.cited_products


def passed_gate(sample: DraftSample) -> bool:
    """Return whether the gate passes the text (no blocking finding)."""
    return sample.report.passed


PROXIES: dict[Proxy, Callable[[DraftSample], bool]] = {
    "trigger": trigger_stated,
    "contact": addressed_to_contact,
    "products": products_presented,
    "length": within_length,
    "grounded": lambda sample: groundedness(sample) == 1.0,
    "passed": passed_gate,
}
"""The deterministic stand-in of each rubric criterion kind."""


def proxy_usefulness(sample: DraftSample) -> dict[str, bool]:
    """Return each rubric criterion as its deterministic proxy marks it."""
    return {c.id: PROXIES[c.proxy](sample) for c in sample.case.rubric}
