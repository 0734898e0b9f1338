"""The nightly batch and the single-customer tools give identical answers on a random sample."""

from __future__ import annotations

import random
from datetime import date, datetime, time

import pandas as pd
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tools.batch.gap_columns import gap_matrix
from tools.batch.run import decide_book
from tools.book.models import Customer
from tools.catalogue.loader import load_catalogue
from tools.decision import Arbitration, arbitrate
from tools.eligibility import check_eligibility
from tools.gaps import coverage_gaps
from tools.gaps.pack import load_gap_rules
from tools.nba import next_best_actions
from tools.nba.eligibility_columns import Columns, eligibility_matrix
from tools.snapshot.frames import load_frames


@pytest.fixture(scope="module")
def sample(book_session: Session) -> list[str]:
    ids = sorted(book_session.scalars(select(Customer.id)))
    return random.Random(20261122).sample(ids, 30)


@pytest.fixture(scope="module")
def decided(book_session: Session, as_of: date) -> pd.DataFrame:
    return decide_book(
        book_session, datetime.combine(as_of, time(12)), None, chunk_size=120
    ).decided


@pytest.fixture(scope="module")
def tools(book_session: Session, sample: list[str]) -> dict[str, Arbitration]:
    return {
        cid: arbitrate(
            book_session,
            cid,
            next_best_actions(book_session, cid, models_dir=None),
            models_dir=None,
        )
        for cid in sample
    }


def test_chosen_actions_match_the_tools(
    sample: list[str], decided: pd.DataFrame, tools: dict[str, Arbitration]
) -> None:
    for customer_id in sample:
        decision = tools[customer_id]
        rows = decided[(decided["customer_id"] == customer_id) & decided["rank"].notna()]
        batch = sorted(
            zip(rows["rank"].astype(int), rows["action_id"], rows["delivery"], strict=True)
        )
        single = [(r.rank, r.action.action_id, r.delivery) for r in decision.chosen]
        assert batch == single, customer_id


def test_suppressions_match_the_tools(
    sample: list[str], decided: pd.DataFrame, tools: dict[str, Arbitration]
) -> None:
    for customer_id in sample:
        decision = tools[customer_id]
        rows = decided[(decided["customer_id"] == customer_id) & decided["rank"].isna()]
        batch = sorted(zip(rows["action_id"], rows["suppressed_by"], strict=True))
        single = sorted((s.candidate.action_id, s.rule_id) for s in decision.suppressed)
        assert batch == single, customer_id


def test_eligibility_matches_check_eligibility(
    book_session: Session, sample: list[str], as_of: date
) -> None:
    catalogue = load_catalogue()
    frames = load_frames(book_session, datetime.combine(as_of, time(12)))
    matrix = eligibility_matrix(
        Columns(frames.customers, frames.policies, frames.claims, catalogue), catalogue
    )
    position = {cid: k for k, cid in enumerate(frames.customers["customer_id"])}
    for customer_id in sample[:8]:
        batch = [bool(v) for v in matrix[position[customer_id]]]
        single = [
            check_eligibility(book_session, customer_id, code).eligible for code in catalogue.codes
        ]
        assert batch == single, customer_id


def test_gaps_match_coverage_gaps(book_session: Session, sample: list[str], as_of: date) -> None:
    frames = load_frames(book_session, datetime.combine(as_of, time(12)))
    matrix = gap_matrix(book_session, frames, load_catalogue(), load_gap_rules())
    for customer_id in sample:
        single = sorted(g.product for g in coverage_gaps(book_session, customer_id).gaps)
        batch = sorted(code for code in matrix.columns if matrix.loc[customer_id, code])
        assert batch == single, customer_id
