"""``copilot users`` and ``copilot audit``: tokens shown once, revocation, a tampered chain."""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import update
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from copilot.audit import AuditEntry
from copilot.cli.main import app
from copilot.users import authenticate
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings

runner = CliRunner(env={"COLUMNS": "200"})


def test_add_list_revoke(fresh_book: Callable[[int], tuple[Settings, Session]]) -> None:
    settings, _ = fresh_book(50)

    added = runner.invoke(
        app,
        ["users", "add", "--name", "Eva", "--role", "advisor", "--advisor", "ADV-001", "--json"],
    )
    created = json.loads(added.output)
    listed = runner.invoke(app, ["users", "list", "--json"])
    revoked = runner.invoke(app, ["users", "revoke", created["user_id"]])

    assert added.exit_code == 0 and len(created["token"]) >= 43
    assert created["token"] not in listed.output and "Eva" in listed.output
    assert revoked.exit_code == 0
    with session_scope(settings) as session:
        assert authenticate(session, created["token"]) is None


def test_bad_users_are_refused_with_a_message(
    fresh_book: Callable[[int], tuple[Settings, Session]],
) -> None:
    fresh_book(50)

    missing = runner.invoke(app, ["users", "add", "--name", "X", "--role", "advisor"])
    unknown = runner.invoke(app, ["users", "revoke", "nobody"])

    assert missing.exit_code == 2 and "--advisor" in missing.output
    assert unknown.exit_code == 2 and "copilot users list" in unknown.output


def test_audit_verify_names_the_altered_entry(
    fresh_book: Callable[[int], tuple[Settings, Session]],
) -> None:
    settings, _ = fresh_book(50)
    for name in ("A", "B", "C"):
        runner.invoke(app, ["users", "add", "--name", name, "--role", "compliance"])

    intact = runner.invoke(app, ["audit", "verify"])
    exported = runner.invoke(app, ["audit", "export", "--format", "jsonl"])
    with session_scope(settings) as session:
        session.execute(update(AuditEntry).where(AuditEntry.seq == 2).values(reason="edited"))
    broken = runner.invoke(app, ["audit", "verify"])

    assert intact.exit_code == 0 and "3 entries" in intact.output
    assert [json.loads(line)["seq"] for line in exported.output.splitlines()] == [1, 2, 3]
    assert broken.exit_code == 1 and "entry 2" in broken.output
