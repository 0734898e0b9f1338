"""Two API worker processes on one PostgreSQL database and one Chroma server: a turn
started through one worker is approved through the other."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from copilot.users import demo_tokens
from tests.api.conftest import SEED_ADVISOR, SEED_CUSTOMER
from tests.copilot.conftest import AS_OF
from tests.processes import api_servers, chroma_server, free_port
from tools.book.generator import BookSpec, generate_book
from tools.book.loading import clear_book
from tools.book.schema import migrate
from tools.foundation.db import session_factory
from tools.foundation.settings import Settings

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture
def shared_book(postgres_url: str, tmp_path: Path) -> Iterator[Settings]:
    """A book in PostgreSQL, migrated once as a deployment step would, with the demo users."""
    settings = Settings(data_dir=tmp_path / "deploy", database_url=postgres_url)
    migrate(settings)
    with session_factory(settings)() as session:
        clear_book(session)
        generate_book(session, BookSpec(customers=60, seed=5, as_of=AS_OF))
    yield settings
    with session_factory(settings)() as session:
        clear_book(session)


def _worker_dir(template_data_dir: Path, target: Path) -> Path:
    """A worker's own data dir: the trained models, no book and no index of its own."""
    shutil.copytree(template_data_dir / "models", target / "models")
    return target


def test_a_turn_started_on_one_worker_is_approved_through_the_other(
    shared_book: Settings, template_data_dir: Path, tmp_path: Path
) -> None:
    index = tmp_path / "chroma-server"
    shutil.copytree(template_data_dir / "chroma", index)
    ports = [free_port(), free_port()]
    with ExitStack() as stack:
        chroma_url = stack.enter_context(chroma_server(index))
        workers = [
            (
                port,
                {
                    "COPILOT_DATA_DIR": str(_worker_dir(template_data_dir, tmp_path / f"w{n}")),
                    "COPILOT_DATABASE_URL": shared_book.database_url or "",
                    "COPILOT_CHROMA_URL": chroma_url,
                    "COPILOT_REVIEW_SAMPLE_RATE": "0",
                },
            )
            for n, port in enumerate(ports)
        ]
        stack.enter_context(api_servers(workers))  # started together: both make demo users
        first, second = (f"http://127.0.0.1:{port}" for port in ports)
        tokens = demo_tokens(shared_book)
        headers = {"Authorization": f"Bearer {tokens[SEED_ADVISOR]}"}
        checker = {"Authorization": f"Bearer {tokens['compliance']}"}

        turn = httpx.post(
            f"{first}/api/customers/{SEED_CUSTOMER}/turns",
            json={"message": "Draft an email about cyber cover"},
            headers=headers,
            timeout=60,
        )
        assert turn.status_code == 200, turn.text
        approval_id = turn.json()["approval_id"]
        seen_by_second = httpx.get(f"{second}/api/turns/{approval_id}", headers=headers)
        decided = httpx.post(
            f"{second}/api/turns/{approval_id}/decision",
            json={"decision": "approve", "reason": "checked"},
            headers=headers,
            timeout=60,
        )
        again_on_first = httpx.post(
            f"{first}/api/turns/{approval_id}/decision",
            json={"decision": "reject", "reason": "too late"},
            headers=headers,
            timeout=60,
        )
        if decided.json()["status"] == "in_review":  # first contact: compliance checks it
            queue = httpx.get(f"{first}/api/review-queue", headers=checker).json()
            assert approval_id in {item["approval_id"] for item in queue}
            review = httpx.post(
                f"{first}/api/review-queue/{approval_id}/decision",
                json={"decision": "approve", "reason_code": "compliant"},
                headers=checker,
                timeout=60,
            )
            assert review.status_code == 200, review.text
        after = httpx.get(f"{first}/api/turns/{approval_id}", headers=headers).json()
        outbox = httpx.get(f"{second}/api/outbox", headers=headers).json()

    assert turn.json()["draft"]["citations"], "the turn retrieved passages from the Chroma server"
    assert seen_by_second.status_code == 200 and seen_by_second.json()["status"] == "pending"
    assert decided.status_code == 200, decided.text
    assert again_on_first.status_code == 409
    assert after["status"] == "approved"
    assert approval_id in {item["approval_id"] for item in outbox}
    for worker in ("w0", "w1"):  # the book, checkpoints and index are shared, not local
        assert not list((tmp_path / worker).glob("**/*.db")), worker
        assert not list((tmp_path / worker).glob("**/*.sqlite3")), worker
