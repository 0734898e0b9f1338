"""A book the size ``copilot init`` makes (2,000 customers, seed 42) with trained models.

The release thresholds are set for the demo book; the 300-customer test template is too
small for churn and credibility figures to mean anything. Built once per session (~15 s);
its knowledge store is a copy of the template's.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import AS_OF
from tools.book.generator import BookSpec, generate_book
from tools.book.schema import migrate
from tools.foundation.db import session_factory
from tools.foundation.settings import Settings
from tools.training.run import train_all

DEMO_CUSTOMERS = 2000
DEMO_SEED = 42


@pytest.fixture(scope="session")
def demo_data_dir(template_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a data dir like ``copilot init``'s: the demo book, its models, the corpus."""
    data_dir = tmp_path_factory.mktemp("copilot-demo")
    settings = Settings(data_dir=data_dir)
    settings.ensure_dirs()
    migrate(settings)
    with session_factory(settings)() as session:
        generate_book(session, BookSpec(customers=DEMO_CUSTOMERS, seed=DEMO_SEED, as_of=AS_OF))
    train_all(settings)
    shutil.copytree(template_data_dir / "chroma", settings.chroma_dir, dirs_exist_ok=True)
    return data_dir
