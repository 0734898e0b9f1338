"""The drafts suite: the offline copilot meets its thresholds, and every scorer can fail.

Each planted defect alters a real draft of a seed use case (Nordic IT Solutions AB's Swedish
e-mail to Sarah) and re-scores it against the same turn's facts, so a scorer that never
fails would show here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from copilot.records.outcome import full_text
from copilot.service import TurnService
from copilot.state import TurnState
from evals.drafts import run, scorers
from evals.drafts.dataset import load_dataset
from evals.drafts.suite import drafted_turn, sample_of
from evals.results import suite_thresholds
from evals.robustness.suite import private_copy
from tools.foundation.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def turn(
    template_data_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[TurnState, str]]:
    private = private_copy(
        Settings(data_dir=template_data_dir), tmp_path_factory.mktemp("drafts") / "data"
    )
    case = next(c for c in load_dataset().cases if c.id == "nordic-it-email")
    _, state = drafted_turn(TurnService(private, llm=None), case)
    yield state, full_text(state["draft"])


SETTINGS = Settings(insurer_name="Fjord Mutual Insurance Ltd")


def _score(state: TurnState, text: str) -> scorers.DraftSample:
    case = next(c for c in load_dataset().cases if c.id == "nordic-it-email")
    return sample_of(case, state, SETTINGS, text)


def test_the_real_draft_passes_every_scorer(turn: tuple[TurnState, str]) -> None:
    state, text = turn
    sample = _score(state, text)

    assert scorers.groundedness(sample) == 1.0
    assert scorers.disclosures_present(sample)
    assert scorers.banned_claims_absent(sample)
    assert scorers.language_correct(sample)
    assert scorers.addressed_to_contact(sample)
    assert scorers.trigger_stated(sample)
    assert scorers.within_length(sample)
    assert scorers.products_presented(sample)
    assert all(scorers.proxy_usefulness(sample).values())


def test_an_altered_premium_is_not_grounded(turn: tuple[TurnState, str]) -> None:
    state, text = turn
    price = re.search(r"(\d[\d\u00a0 ]*\d)(?=–)", text)
    assert price is not None, text
    altered = text.replace(price.group(1), "1 234", 1)

    assert scorers.groundedness(_score(state, altered)) < 1.0


def test_a_missing_opt_out_notice_fails_the_disclosures(turn: tuple[TurnState, str]) -> None:
    state, text = turn
    altered = "\n".join(line for line in text.splitlines() if "STOPP" not in line)

    assert not scorers.disclosures_present(_score(state, altered))


def test_an_english_sentence_in_the_swedish_draft_fails_the_language(
    turn: tuple[TurnState, str],
) -> None:
    state, text = turn
    altered = text.replace(
        "\n\n", "\n\nPlease reply to this email and we will book a short call with you.\n\n", 2
    )

    assert not scorers.language_correct(_score(state, altered))


def test_a_pressing_sentence_fails_the_banned_claims(turn: tuple[TurnState, str]) -> None:
    state, text = turn
    altered = text.replace("\n\n", "\n\nErbjudandet försvinner i kväll, så svara direkt.\n\n", 2)

    assert not scorers.banned_claims_absent(_score(state, altered))


def test_a_greeting_to_the_company_is_not_addressed_to_the_contact(
    turn: tuple[TurnState, str],
) -> None:
    state, text = turn
    altered = text.replace("Hej Sarah", "Hej Nordic IT Solutions AB")

    assert "Hej Sarah" in text
    assert not scorers.addressed_to_contact(_score(state, altered))


def test_a_draft_without_its_trigger_does_not_state_it(turn: tuple[TurnState, str]) -> None:
    state, text = turn
    altered = "\n".join(line for line in text.splitlines() if "anställda" not in line)

    assert not scorers.trigger_stated(_score(state, altered))


def test_a_long_email_breaks_the_channel_limit(turn: tuple[TurnState, str]) -> None:
    state, text = turn
    padding = " ".join(["Vi hör gärna av oss igen om ert skydd."] * 25)
    altered = text.replace("\n\nVänliga", f"\n\n{padding}\n\nVänliga")

    assert not scorers.within_length(_score(state, altered))


def test_a_draft_without_the_products_passage_does_not_present_it(
    turn: tuple[TurnState, str],
) -> None:
    state, text = turn
    altered = re.sub(r"\[product-cyber[^\]]*\]", "", text)

    assert not scorers.products_presented(_score(state, altered))


def test_the_offline_copilot_meets_the_drafts_thresholds(template_data_dir: Path) -> None:
    result = run(Settings(data_dir=template_data_dir))
    marks = suite_thresholds("drafts")

    assert len(result.cases) == len(load_dataset().cases)
    missed = {
        name: result.scores[name]
        for name, mark in marks.items()
        if not mark.met(result.scores[name])
    }
    assert not missed, [c.detail["draft"] for c in result.cases if not c.passed]
    assert {c.detail["judged_by"] for c in result.cases} == {"proxy"}
    assert {"sv", "fi", "nb"} <= {c.language for c in result.cases}
