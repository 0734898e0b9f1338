"""The audit chain verifies, and names the first entry that was altered, inserted or removed."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import delete, text, update
from sqlalchemy.orm import Session

from copilot.audit import AuditBroken, AuditEntry, append, verify_chain
from copilot.users import Actor
from tools.book.schema import migrate
from tools.foundation.db import session_factory, session_scope
from tools.foundation.settings import Settings

ALICE = Actor(user_id="u1", name="Alice", role="advisor", advisor_id="ADV-001")


@pytest.fixture
def session(settings: Settings) -> Iterator[Session]:
    migrate(settings)
    with session_factory(settings)() as opened:
        for k in range(5):
            append(opened, ALICE, "customer.view", "customer", f"C{k}", reason="panel")
        opened.commit()
        yield opened


def test_an_untouched_chain_verifies(session: Session) -> None:
    assert verify_chain(session) == 5


def test_an_altered_entry_is_named(session: Session) -> None:
    session.execute(update(AuditEntry).where(AuditEntry.seq == 3).values(reason="edited"))
    session.commit()

    with pytest.raises(AuditBroken, match="entry 3") as broken:
        verify_chain(session)
    assert broken.value.seq == 3


def test_a_deleted_entry_is_named(session: Session) -> None:
    session.execute(delete(AuditEntry).where(AuditEntry.seq == 2))
    session.commit()

    with pytest.raises(AuditBroken, match="entry 2"):
        verify_chain(session)


def test_a_deleted_last_entry_is_caught_by_the_head(session: Session) -> None:
    session.execute(delete(AuditEntry).where(AuditEntry.seq == 5))
    session.commit()

    with pytest.raises(AuditBroken, match="entry 5"):
        verify_chain(session)


def test_a_rehashed_entry_still_breaks_the_next_link(session: Session) -> None:
    # Someone alters entry 2 and recomputes its hash: entry 3 no longer links to it.
    session.execute(text("UPDATE audit_log SET reason = 'x', hash = 'f' WHERE seq = 2"))
    session.commit()

    with pytest.raises(AuditBroken, match="entry 2"):
        verify_chain(session)


def test_an_entry_rolled_back_with_its_act_leaves_no_trace(session: Session) -> None:
    append(session, ALICE, "draft.decision", "turn", "T1")
    session.rollback()

    assert verify_chain(session) == 5


def test_concurrent_writers_never_fork_the_chain(settings: Settings, session: Session) -> None:
    def write(k: int) -> None:
        for n in range(10):
            with session_scope(settings) as own:
                append(own, ALICE, "rating.create", "rating", f"{k}-{n}")

    threads = [threading.Thread(target=write, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert verify_chain(session) == 45
