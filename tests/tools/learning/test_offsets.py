"""Per-product offsets learned from the learning loop: fitted, centred, exact in both paths."""

from __future__ import annotations

import copy
from datetime import datetime

import numpy as np
import pandas as pd
import pytest

from tools.catalogue.loader import load_catalogue
from tools.foundation.db import session_factory
from tools.learning.feedback import COLUMNS, Feedback
from tools.learning.offsets import ScoredFeedback, apply_feedback, fit_offsets
from tools.propensity.book_frames import load_book_frames
from tools.propensity.features import customer_features
from tools.propensity.scoring import score_book, score_customer
from tools.registry import load_current, save_model

pytestmark = pytest.mark.slow


def _scored(product: list[str], label: list[int], logit: float = 0.0) -> ScoredFeedback:
    return ScoredFeedback(
        product=np.array(product),
        logit=np.full(len(product), logit),
        label=np.array(label, dtype=float),
        weight=np.ones(len(product)),
        skipped=0,
    )


def test_products_converting_above_the_model_move_up_and_below_move_down() -> None:
    scored = _scored(["A"] * 50 + ["B"] * 50, [1] * 40 + [0] * 10 + [1] * 10 + [0] * 40)
    offsets = fit_offsets(scored)
    assert offsets["A"] > 0.5 and offsets["B"] < -0.5
    assert offsets["A"] + offsets["B"] == pytest.approx(0.0, abs=1e-9)  # centred, equal evidence


def test_little_evidence_hardly_moves_a_product() -> None:
    few = fit_offsets(_scored(["A", "B"], [1, 0]))
    many = fit_offsets(_scored(["A"] * 200 + ["B"] * 200, [1] * 200 + [0] * 200))
    assert abs(few["A"]) < 0.3 < abs(many["A"])


def test_weights_count_as_repeated_rows() -> None:
    weighted = ScoredFeedback(
        np.array(["A", "A", "B"]), np.zeros(3), np.array([1.0, 0.0, 1.0]), np.array([1, 3, 1.0]), 0
    )
    repeated = _scored(["A", "A", "A", "A", "B"], [1, 0, 0, 0, 1])
    assert fit_offsets(weighted) == pytest.approx(fit_offsets(repeated))


def _feedback(customers: list[str], product: str, label: int, at: datetime) -> pd.DataFrame:
    rows = [(c, product, label, 1.0, at, "offer") for c in customers]
    return pd.DataFrame(rows, columns=COLUMNS)


def test_learned_offsets_reach_both_scoring_paths(trained_models, tmp_path) -> None:
    settings = trained_models[0]
    catalogue = load_catalogue()
    loaded = load_current("propensity", settings.models_dir)
    model = copy.deepcopy(loaded.model)
    with session_factory(settings)() as session:
        frames = load_book_frames(session)
        at = datetime(2026, 11, 22, 12)
        common = customer_features(frames, at.date(), catalogue.codes)
        open_cyber = common.index[common["own_CYBER"] == 0][:60].tolist()
        open_gl = common.index[common["own_GL"] == 0][:60].tolist()
        rows = pd.concat([_feedback(open_cyber, "CYBER", 1, at), _feedback(open_gl, "GL", 0, at)])
        learned = apply_feedback(model, frames, Feedback(rows), catalogue)
        assert learned.offsets["CYBER"] > 0 > learned.offsets["GL"]
        assert learned.rows_used == 120 and learned.card()["offsets"]["CYBER"] > 0
        models_dir = tmp_path / "models"
        meta = loaded.metadata.model_copy(update={"version": "propensity-offsets-test"})
        save_model(model, meta, models_dir)
        before = score_book(session, models_dir=settings.models_dir)
        after = score_book(session, models_dir=models_dir)
        single = {
            s.product: s.probability
            for s in score_customer(session, "S000001", models_dir=models_dir)
        }
    assert after.loc["S000001", "CYBER"] == pytest.approx(single["CYBER"], abs=1e-9)
    assert after.loc["S000001", "GL"] == pytest.approx(single["GL"], abs=1e-9)
    assert (after["CYBER"].dropna() > before["CYBER"].dropna()).all()
    assert (after["GL"].dropna() < before["GL"].dropna()).all()
    assert after["TRAVEL"].dropna().equals(before["TRAVEL"].dropna())
