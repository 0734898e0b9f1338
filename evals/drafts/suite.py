"""Run advisor requests through the real turn and score the drafts a customer would read.

Each case runs one turn on a private copy of the data dir (the suite leaves no pending
approval in anyone's queue), offline by default or with the configured LLM. The draft is
re-checked by the gate against that turn's facts, and scored: groundedness, required
disclosures, banned claims, language throughout, addressed to the contact, trigger stated,
channel limits, expected products presented, and usefulness (the rubric, by an LLM judge
when one is configured, by a deterministic proxy otherwise).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from statistics import mean
from typing import Any, cast

from copilot.citations import cited_ids
from copilot.decisions import thread
from copilot.llm.client import build_llm
from copilot.llm.drafting import split_subject
from copilot.llm.errors import LLMUnavailable
from copilot.llm.protocol import LanguageModel
from copilot.nodes.check_compliance import check_final_text
from copilot.records.outcome import full_text
from copilot.service import TurnRequest, TurnService
from copilot.state import TurnState
from copilot.turn_result import TurnResult
from evals.drafts import scorers
from evals.drafts.dataset import DraftCase, load_dataset
from evals.drafts.judge import JUDGE_PROMPT_ID, judge_draft
from evals.drafts.scorers import DraftSample
from evals.results import CaseResult, Series, SuiteResult
from evals.robustness.suite import private_copy
from prompts.registry import load_prompt
from tools.foundation.settings import Settings

CHANNELS = ("email", "portal_message", "call_script", "talking_points")
"""Channel tags, for the chart by channel."""
CHECKS: dict[str, Callable[[DraftSample], bool]] = {
    "disclosures_present": scorers.disclosures_present,
    "banned_claims_absent": scorers.banned_claims_absent,
    "language_correct": scorers.language_correct,
    "addressed_to_contact": scorers.addressed_to_contact,
    "trigger_stated": scorers.trigger_stated,
    "within_length": scorers.within_length,
    "products_presented": scorers.products_presented,
    "passed_gate": scorers.passed_gate,
}
"""The yes/no scorers; each suite score is the share of drafts that pass it."""
CASE_USEFULNESS = 0.5
"""A case passes only when at least this share of its rubric criteria is met."""


def sample_of(case: DraftCase, state: TurnState, settings: Settings, text: str) -> DraftSample:
    """Return a draft's sample: ``text`` (subject line first) re-checked against the turn.

    Passing an altered text (a planted defect) scores that text against the same facts.
    """
    draft = state["draft"]
    report = check_final_text(state, settings, text)
    subject, body = split_subject(text) if draft.channel == "email" else (None, text)
    cited = set(cited_ids(text))
    products = {
        code
        for chunk in state.get("chunks", [])
        if chunk.chunk_id in cited
        for code in chunk.products
    }
    return DraftSample(
        case=case,
        channel=draft.channel,
        language=draft.language,
        subject=subject,
        body=body,
        report=report,
        cited_products=frozenset(products),
    )


def usefulness(sample: DraftSample, judge: LanguageModel | None) -> tuple[dict[str, bool], str]:
    """Return the rubric as marked, and by whom (``llm`` or ``proxy``)."""
    if judge is not None:
        try:
            verdict = judge_draft(
                judge, sample.text, sample.channel, sample.case.language, sample.case.rubric
            )
            return verdict.met, "llm"
        except LLMUnavailable:
            pass
    return scorers.proxy_usefulness(sample), "proxy"


def _case_result(sample: DraftSample, judge: LanguageModel | None) -> CaseResult:
    checks = {name: check(sample) for name, check in CHECKS.items()}
    rubric, judged_by = usefulness(sample, judge)
    grounded = scorers.groundedness(sample)
    useful = sum(rubric.values()) / len(rubric)
    return CaseResult(
        id=sample.case.id,
        passed=all(checks.values()) and grounded == 1.0 and useful >= CASE_USEFULNESS,
        tags=sample.case.tags,
        language=sample.case.language,
        expected={"language": sample.case.language, "greets": sample.case.greets},
        got={"language": sample.language, **checks},
        detail={
            "draft": sample.text,
            "groundedness": round(grounded, 3),
            "usefulness": round(useful, 3),
            "rubric": rubric,
            "judged_by": judged_by,
            "findings": [f.model_dump() for f in sample.report.findings],
        },
    )


def _by(results: list[CaseResult], key: Callable[[CaseResult], str], title: str) -> Series:
    groups: dict[str, list[bool]] = {}
    for result in results:
        groups.setdefault(key(result), []).append(result.passed)
    points = [(name, sum(v) / len(v)) for name, v in sorted(groups.items())]
    return Series(title=title, kind="bar", y_label="share of drafts passing", points=points)


def drafted_turn(service: TurnService, case: DraftCase) -> tuple[TurnResult, TurnState]:
    """Run one case's turn to its draft; return the result and the turn's state."""
    request = TurnRequest(
        advisor_id=case.advisor,
        customer_id=case.customer,
        message=case.message,
        channel=case.channel,
        contact_id=case.contact,
    )
    result = service.start(request)
    return result, cast(TurnState, service.graph.get_state(thread(result.request_id)).values)


def run(
    settings: Settings, *, sample: int | None = None, llm: str = "offline", **_: Any
) -> SuiteResult:
    """Run every case (or the first ``sample``) on a private copy of the data dir."""
    dataset = load_dataset()
    cases = dataset.cases[:sample] if sample else dataset.cases
    judge = build_llm(settings) if llm == "configured" else None
    results: list[CaseResult] = []
    samples: list[DraftSample] = []
    with tempfile.TemporaryDirectory(prefix="copilot-drafts-") as scratch:
        private = private_copy(settings, Path(scratch) / "data")
        service = TurnService(private) if llm == "configured" else TurnService(private, llm=None)
        for case in cases:
            turn, state = drafted_turn(service, case)
            drafted = sample_of(case, state, private, full_text(state["draft"]))
            samples.append(drafted)
            result = _case_result(drafted, judge)
            recipient = state.get("recipient")
            result.detail["facts"] = {
                "recommended": [r.product for r in turn.recommendations],
                "recipient": recipient.id if recipient is not None else None,
                "rule_pack": turn.rule_pack,
            }
            results.append(result)
    scores = {name: mean(check(s) for s in samples) for name, check in CHECKS.items()}
    scores["groundedness"] = mean(scorers.groundedness(s) for s in samples)
    scores["usefulness"] = mean(r.detail["usefulness"] for r in results)
    scores["cases_passed"] = mean(r.passed for r in results)
    judged = {r.detail["judged_by"] for r in results}
    return SuiteResult(
        suite="drafts",
        scores=scores,
        cases=results,
        versions={
            "dataset": dataset.version,
            "llm": llm,
            "judge": load_prompt(JUDGE_PROMPT_ID).ref.model_dump_json() if judge else "proxy",
            "rule_pack": ", ".join(sorted({str(r.detail["facts"]["rule_pack"]) for r in results})),
        },
        charts=[
            _by(results, lambda r: r.language or "?", "Drafts passing, by language"),
            _by(
                results,
                lambda r: next((t for t in r.tags if t in CHANNELS), "?"),
                "Drafts passing, by channel",
            ),
        ],
        notices=[]
        if judged <= {"llm"} or judge is None
        else ["The LLM judge failed on some drafts; the proxy marked them."],
    )
