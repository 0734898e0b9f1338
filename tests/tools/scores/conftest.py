"""Fixtures of the scores tests: the trained models and a sample of the book, scored once."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.tools.registry.trained_book import trained_models  # noqa: F401
from tools.book.models import Customer
from tools.catalogue.loader import load_catalogue
from tools.foundation.settings import Settings
from tools.scores import CustomerScores, ModelSet, load_model_set, score_snapshot
from tools.snapshot import load_snapshot

SEEDS = ["S000001", "S000002", "S000003", "S000004", "S000005"]


@pytest.fixture(scope="session")
def models(request: pytest.FixtureRequest) -> ModelSet:
    """Return the models trained on the shared book."""
    settings: Settings = request.getfixturevalue("trained_models")[0]
    return load_model_set(settings.models_dir)


@pytest.fixture(scope="session")
def moment(as_of: date) -> datetime:
    """Return the decision moment of the parity tests (the book's as-of date at noon)."""
    return datetime.combine(as_of, time(12))


@pytest.fixture(scope="session")
def sample(book_session: Session) -> list[str]:
    """Return the seed customers, every prospect and every seventh other customer."""
    ids = list(book_session.scalars(select(Customer.id).order_by(Customer.id)))
    prospects = set(book_session.scalars(select(Customer.id).where(Customer.is_prospect)))
    return sorted({*SEEDS, *prospects, *ids[::7]})


@pytest.fixture(scope="session")
def scored(
    book_session: Session, models: ModelSet, moment: datetime, sample: list[str]
) -> dict[str, CustomerScores]:
    """Return the sample's scores, each computed once from the customer's snapshot."""
    catalogue = load_catalogue()
    return {
        cid: score_snapshot(load_snapshot(book_session, cid, moment), models, catalogue)
        for cid in sample
    }
