"""The real server process: a pending approval survives ``kill -9``, and two concurrent
decisions on one draft over HTTP have exactly one winner."""

from __future__ import annotations

import os
import signal
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from copilot.users import demo_tokens
from tests.api.conftest import SEED_ADVISOR, SEED_CUSTOMER
from tests.data_dirs import copy_data_dir
from tests.processes import api_server, free_port
from tools.book.schema import migrate
from tools.foundation.settings import Settings


def _env(data_dir: Path) -> dict[str, str]:
    return {"COPILOT_DATA_DIR": str(data_dir), "COPILOT_REVIEW_SAMPLE_RATE": "0"}


def _prepared(template_data_dir: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    target = tmp_path / "data"
    copy_data_dir(template_data_dir, target)
    settings = Settings(data_dir=target)
    migrate(settings)
    token = demo_tokens(settings)[SEED_ADVISOR]
    return target, {"Authorization": f"Bearer {token}"}


def test_a_pending_approval_survives_kill_9(template_data_dir: Path, tmp_path: Path) -> None:
    data_dir, headers = _prepared(template_data_dir, tmp_path)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with api_server(port, _env(data_dir)) as server:
        turn = httpx.post(
            f"{base}/api/customers/{SEED_CUSTOMER}/turns",
            json={"message": "Draft an email"},
            headers=headers,
            timeout=60,
        ).json()
        os.kill(server.pid, signal.SIGKILL)
        server.wait(timeout=10)

    with api_server(port, _env(data_dir)):
        pending = httpx.get(f"{base}/api/turns/{turn['approval_id']}", headers=headers).json()
        decided = httpx.post(
            f"{base}/api/turns/{turn['approval_id']}/decision",
            json={"decision": "approve", "reason": "after the restart"},
            headers=headers,
            timeout=60,
        )

    assert pending["status"] == "pending" and pending["draft"]["body"] in turn["draft"]["text"]
    assert decided.status_code == 200, decided.text
    assert decided.json()["status"] in ("approved", "in_review")


def test_two_concurrent_decisions_have_one_winner(template_data_dir: Path, tmp_path: Path) -> None:
    data_dir, headers = _prepared(template_data_dir, tmp_path)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with api_server(port, _env(data_dir)):
        turn = httpx.post(
            f"{base}/api/customers/{SEED_CUSTOMER}/turns",
            json={"message": "Draft an email"},
            headers=headers,
            timeout=60,
        ).json()

        def decide(decision: str) -> int:
            answer = httpx.post(
                f"{base}/api/turns/{turn['approval_id']}/decision",
                json={"decision": decision, "reason": "race"},
                headers=headers,
                timeout=60,
            )
            return answer.status_code

        with ThreadPoolExecutor(2) as pool:
            codes = sorted(pool.map(decide, ["approve", "reject"]))

    assert codes == [200, 409]
