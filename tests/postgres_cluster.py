"""A private PostgreSQL cluster on loopback for tests (the server binaries come from Debian)."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.processes import free_port


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _as_owner(command: list[str]) -> list[str]:
    # initdb refuses to run as root; run the server as the postgres system user then.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@contextmanager
def postgres_cluster(folder: Path) -> Iterator[str | None]:
    """Start a throwaway cluster in ``folder``; yield its SQLAlchemy URL (None if unavailable)."""
    binaries = _binaries()
    if binaries is None or (os.geteuid() == 0 and shutil.which("runuser") is None):
        yield None
        return
    data, sockets, port = folder / "pgdata", folder / "sockets", free_port()
    sockets.mkdir(parents=True)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        shutil.chown(sockets, "postgres")

    def run(*args: str) -> None:
        command = _as_owner([str(binaries / args[0]), *args[1:]])
        subprocess.run(command, check=True, capture_output=True)

    run("initdb", "-A", "trust", "-U", "postgres", "-D", str(data))
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
    run("pg_ctl", "-D", str(data), "-o", options, "-w", "-l", str(folder / "log"), "start")
    try:
        run("createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "copilot")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/copilot"
    finally:
        run("pg_ctl", "-D", str(data), "-m", "immediate", "stop")
