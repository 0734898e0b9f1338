"""Real server processes for tests: a free loopback port, the API and a Chroma server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    """Return a loopback port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int, seconds: float = 60) -> None:
    """Wait until something accepts connections on the loopback ``port``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {seconds} s")


@contextmanager
def api_servers(
    workers: Sequence[tuple[int, Mapping[str, str]]],
) -> Iterator[list[subprocess.Popen[bytes]]]:
    """Start ``copilot serve`` once per ``(port, env)`` at the same time; wait until all answer.

    ``env`` goes over the test's environment; settings it does not name (a database URL,
    an LLM) are not inherited.
    """
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("COPILOT_")}
    servers = [
        subprocess.Popen(
            [sys.executable, "-m", "copilot.cli", "serve", "--port", str(port)],
            env={**inherited, **env},
            stdout=subprocess.DEVNULL,
        )
        for port, env in workers
    ]
    try:
        for (port, _), server in zip(workers, servers, strict=True):
            _wait_healthy(port, server)
        yield servers
    finally:
        for server in servers:
            if server.poll() is None:
                server.terminate()
                server.wait(timeout=20)


@contextmanager
def api_server(port: int, env: Mapping[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    """Run one ``copilot serve`` on ``port`` (see :func:`api_servers`)."""
    with api_servers([(port, env)]) as servers:
        yield servers[0]


def _wait_healthy(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError(f"the API on port {port} did not start (exit code {server.poll()})")


@contextmanager
def chroma_server(path: Path) -> Iterator[str]:
    """Run ``chroma run`` on the persistent directory ``path``; yield its URL."""
    port = free_port()
    binary = Path(sys.executable).parent / "chroma"
    server = subprocess.Popen(
        [str(binary), "run", "--path", str(path), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, 30)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)
