"""Fixtures: an empty, migrated database and a factory of presented offers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

import pytest
from sqlalchemy.orm import Session

from tests.tools.registry.trained_book import trained_models  # noqa: F401
from tools.book.schema import migrate
from tools.experiment.arms import Arm
from tools.foundation.db import session_factory
from tools.foundation.settings import Settings
from tools.learning.models import PresentedOffer
from tools.learning.offers import OfferCreate, record_offer

PRESENTED = datetime(2026, 11, 1, 10, 0)


@pytest.fixture
def learning_session(settings: Settings) -> Iterator[Session]:
    """Return a session on a migrated, empty database."""
    migrate(settings)
    with session_factory(settings)() as session:
        yield session


OfferFactory = Callable[..., PresentedOffer]


@pytest.fixture
def present(learning_session: Session) -> OfferFactory:
    """Return a factory that records a presented offer (keyword overrides of the defaults)."""

    def make(arm: Arm = "champion", **changes: object) -> PresentedOffer:
        fields: dict[str, object] = {
            "customer_id": "C000001",
            "advisor_id": "ADV-001",
            "product_code": "CYBER",
            "channel": "email",
            "trigger_type": "growth",
            "urgency": "high",
            "triggered_at": PRESENTED.replace(hour=8),
            "presented_at": PRESENTED,
            "model_version": "propensity-v1",
            "rule_pack_id": "nordic-se",
            "rule_pack_version": "2026.12.1",
            "arm": arm,
            **changes,
        }
        return record_offer(learning_session, OfferCreate.model_validate(fields))

    return make
