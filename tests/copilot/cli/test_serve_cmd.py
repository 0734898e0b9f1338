from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable

import httpx
from sqlalchemy.orm import Session

from tests.processes import free_port
from tools.foundation.settings import Settings


def test_serve_answers_health(settings: Settings) -> None:
    port = free_port()
    command = [sys.executable, "-m", "copilot.cli", "serve", "--port", str(port)]
    server = subprocess.Popen(command, env=dict(os.environ), stdout=subprocess.PIPE, text=True)
    try:
        deadline, answer = time.monotonic() + 30, None
        while time.monotonic() < deadline and answer is None:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/health", timeout=1.0)
            except httpx.TransportError:
                time.sleep(0.2)
        assert answer is not None and answer.json() == {"status": "ok"}
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert server.stdout is not None
    assert f"http://127.0.0.1:{port}" in server.stdout.read()


def test_serve_prints_demo_tokens_that_work(
    fresh_book: Callable[[int], tuple[Settings, Session]],
) -> None:
    fresh_book(60)
    port = free_port()
    command = [sys.executable, "-m", "copilot.cli", "serve", "--port", str(port)]
    server = subprocess.Popen(command, env=dict(os.environ), stdout=subprocess.PIPE, text=True)
    assert server.stdout is not None
    try:
        lines = [server.stdout.readline() for _ in range(6)]
        tokens = {line.split()[0]: line.split()[-1] for line in lines if " token:" in line}
        deadline, answer = time.monotonic() + 30, None
        while time.monotonic() < deadline and answer is None:
            try:
                answer = httpx.get(
                    f"http://127.0.0.1:{port}/api/me",
                    headers={"Authorization": f"Bearer {tokens['advisor']}"},
                    timeout=1.0,
                )
            except httpx.TransportError:
                time.sleep(0.2)
        assert answer is not None and answer.json()["advisor_id"] == "ADV-001"
        compliance = httpx.get(
            f"http://127.0.0.1:{port}/api/me",
            headers={"Authorization": f"Bearer {tokens['compliance']}"},
        )
        assert compliance.json()["role"] == "compliance"
        printed = "".join(lines)
        panel = re.search(r"http://127\.0\.0\.1:\d+/panel\?customer=\S+", printed)
        assert panel is not None, printed
        with httpx.Client() as browser:  # the printed URL and token work in a browser session
            to_login = browser.get(panel.group(0))
            signed_in = browser.post(
                f"http://127.0.0.1:{port}/login",
                data={"token": tokens["advisor"], "next": panel.group(0).split(str(port))[1]},
                follow_redirects=True,
            )
        assert to_login.status_code == 303 and "/login?next=" in to_login.headers["location"]
        assert signed_in.status_code == 200 and "Ask the copilot" in signed_in.text
    finally:
        server.terminate()
        server.wait(timeout=10)
