"""API fixtures: a private copy of the prepared book, the app on it, and demo users' tokens."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from copilot.users import create_user, demo_tokens
from tests.data_dirs import copy_data_dir
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings

SEED_ADVISOR = "ADV-001"
OTHER_ADVISOR = "ADV-002"
SEED_CUSTOMER = "S000001"


@dataclass(frozen=True)
class Tokens:
    """Bearer tokens of the test users."""

    advisor: str
    other_advisor: str
    compliance: str
    admin: str
    operations: str

    def header(self, who: str) -> dict[str, str]:
        """Return the Authorization header of one of the users."""
        return {"Authorization": f"Bearer {getattr(self, who)}"}


def api_settings_for(data_dir: Path, **extra: object) -> Settings:
    """Return settings for an API test on a data dir (offline, no random review sample)."""
    return Settings(data_dir=data_dir, review_sample_rate=0.0, **extra)  # type: ignore[arg-type]


@pytest.fixture
def api_settings(template_data_dir: Path, tmp_path: Path) -> Settings:
    """Return settings of a private copy of the prepared book (tests that write)."""
    target = tmp_path / "data"
    copy_data_dir(template_data_dir, target)
    return api_settings_for(target)


def make_tokens(settings: Settings) -> Tokens:
    """Create the demo users, an admin and an operations user; return their tokens."""
    demo = demo_tokens(settings)
    with session_scope(settings) as session:
        _, admin = create_user(session, "Test admin", "admin")
        _, operations = create_user(session, "CRM integration", "operations")
    return Tokens(demo[SEED_ADVISOR], demo[OTHER_ADVISOR], demo["compliance"], admin, operations)


@pytest.fixture
def client(api_settings: Settings) -> Iterator[TestClient]:
    """Return a client of the app on the private book (start-up run, offline LLM)."""
    with TestClient(create_app(api_settings)) as test_client:
        yield test_client


@pytest.fixture
def tokens(client: TestClient, api_settings: Settings) -> Tokens:
    """Return the test users' tokens (after the app's start-up migrated the database)."""
    return make_tokens(api_settings)
