"""The one-customer credibility path equals the column-wise one."""

from __future__ import annotations

from datetime import date, datetime, time

import numpy as np
import pandas as pd
import pytest
from sqlalchemy.orm import Session

from tools.catalogue.loader import load_catalogue
from tools.credibility.book_model import TARIFF_COLUMNS, claims_experience
from tools.credibility.scorer import credibility_scorer, experience_of
from tools.propensity.book_frames import load_book_frames
from tools.registry import load_current
from tools.snapshot import load_snapshot


def test_claims_experience_of_every_customer_equals_the_column_wise_one(
    book_session: Session, as_of: date
) -> None:
    codes = load_catalogue().codes
    frames = load_book_frames(book_session)
    book = claims_experience(frames, as_of, codes)
    moment = datetime.combine(as_of, time(12))
    for customer_id in frames.customers.index:
        mine = experience_of(load_snapshot(book_session, customer_id, moment), codes)
        assert mine.has_history == (customer_id in book.exposure.index), customer_id
        if not mine.has_history:
            continue
        np.testing.assert_allclose(mine.exposure, book.exposure.loc[customer_id], atol=1e-12)
        np.testing.assert_array_equal(mine.counts, book.counts.loc[customer_id])
        assert mine.industry == book.profile.loc[customer_id, "industry"]
        assert mine.log_employees == pytest.approx(book.profile.loc[customer_id, "log_employees"])


@pytest.mark.slow
def test_tariff_rates_equal_the_glm_predictions(trained_models) -> None:
    models_dir = trained_models[0].models_dir
    model = load_current("credibility", models_dir).model
    scorer = credibility_scorer(models_dir)
    industries = [*load_catalogue().industries, "unknown_industry"]
    profile = pd.DataFrame({"industry": industries, "log_employees": np.log(3.0 + len(industries))})
    for k, code in enumerate(model.codes):
        tariff = model.tariffs[code]
        expected = (
            np.full(len(profile), tariff)
            if isinstance(tariff, float)
            else tariff.predict(profile[TARIFF_COLUMNS])
        )
        mine = [scorer.rates(i, float(profile["log_employees"].iloc[0]))[k] for i in industries]
        np.testing.assert_allclose(mine, expected, rtol=1e-12)


@pytest.mark.slow
def test_the_scorer_is_built_once_per_version(trained_models) -> None:
    models_dir = trained_models[0].models_dir
    assert credibility_scorer(models_dir) is credibility_scorer(models_dir)
