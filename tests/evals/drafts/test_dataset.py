"""The drafts dataset: every seed use case in every channel, validated, with its rubric."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.drafts.dataset import load_dataset
from tools.foundation.errors import InvalidInput


def test_every_seed_use_case_is_asked_in_every_channel() -> None:
    cases = load_dataset().cases
    pairs = {(case.customer, case.channel) for case in cases}

    assert len(pairs) == 20  # five seed use cases x four channels
    assert any(case.contact for case in cases)  # and a contact chosen by the advisor
    assert {case.channel for case in cases} == {
        "email",
        "portal_message",
        "call_script",
        "talking_points",
    }
    assert {"sv", "fi", "nb"} <= {case.language for case in cases}
    assert all(case.greets for case in cases)


def test_a_case_with_a_repeated_criterion_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "drafts.yaml"
    broken.write_text(
        """
id: drafts
version: "0"
cases:
  - id: a
    advisor: ADV-001
    customer: S000001
    message: Draft an email
    channel: email
    language: sv
    rubric:
      - {id: why_now, text: Says why now, proxy: trigger}
      - {id: why_now, text: Says why now again, proxy: trigger}
""",
        encoding="utf-8",
    )

    with pytest.raises(InvalidInput, match="rubric criterion ids repeat"):
        load_dataset(broken)


def test_an_unknown_language_is_refused_with_the_file_named(tmp_path: Path) -> None:
    broken = tmp_path / "drafts.yaml"
    broken.write_text(
        "id: d\nversion: '0'\ncases:\n  - {id: a, advisor: A, customer: C, message: m,"
        " channel: email, language: de, rubric: [{id: x, text: t, proxy: passed}]}\n",
        encoding="utf-8",
    )

    with pytest.raises(InvalidInput, match=str(broken)):
        load_dataset(broken)
