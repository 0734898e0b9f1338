"""The models' inputs to the ranking: propensity scores and the credibility worst quintile."""

from __future__ import annotations

from datetime import date, datetime, time

import pandas as pd
from sqlalchemy.orm import Session

from tools.decision.book import decide_frames
from tools.scores.book import ModelInputs
from tools.snapshot.frames import load_frames


def _decided(session: Session, as_of: date, inputs: ModelInputs) -> pd.DataFrame:
    frames = load_frames(session, datetime.combine(as_of, time(12)), ["S000001"])
    return decide_frames(frames, inputs).set_index("product")


def test_worst_quintile_suppresses_the_product_with_its_rule(
    book_session: Session, as_of: date
) -> None:
    inputs = ModelInputs(worst_quintile=frozenset({("S000001", "CYBER")}), credibility_version="c1")
    decided = _decided(book_session, as_of, inputs)
    assert decided.loc["CYBER", "suppressed_by"] == "credibility_worst_quintile"


def test_model_propensity_replaces_the_prior(book_session: Session, as_of: date) -> None:
    scores = pd.DataFrame({"DO": [0.9], "CYBER": [0.01]}, index=["S000001"])
    decided = _decided(book_session, as_of, ModelInputs(propensity=scores, propensity_version="p7"))
    assert decided.loc["DO", "term_propensity"] == 0.9
    assert decided.loc["CYBER", "term_propensity"] == 0.01


def test_ranking_basis_names_the_model_version() -> None:
    assert ModelInputs(propensity_version="p7").ranking_basis == "model p7"
    assert ModelInputs().ranking_basis == "catalogue prior"
