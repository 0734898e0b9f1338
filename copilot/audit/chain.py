"""Append to the audit chain inside the caller's transaction, and verify it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from copilot.audit.models import AuditEntry, AuditHead
from copilot.users.actor import Actor
from tools.foundation.clock import utc_instant
from tools.foundation.errors import Conflict

GENESIS = "0" * 64
"""The previous hash of the first entry."""


class AuditBroken(Conflict):
    """The audit chain does not verify: an entry was altered, inserted or deleted."""

    def __init__(self, seq: int, why: str) -> None:
        super().__init__(f"Audit log broken at entry {seq}: {why}.")
        self.seq = seq


def entry_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    """Return the hash of an entry: SHA-256 over the previous hash and its canonical fields."""
    body = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{prev_hash}\n{body}".encode()).hexdigest()


def _fields(entry: AuditEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "at": entry.at.isoformat(timespec="microseconds"),
        "actor_id": entry.actor_id,
        "actor_role": entry.actor_role,
        "action": entry.action,
        "subject_type": entry.subject_type,
        "subject_id": entry.subject_id,
        "reason": entry.reason,
        "detail": entry.detail,
    }


def as_record(entry: AuditEntry) -> dict[str, Any]:
    """Return an entry as an export or API record: its fields (detail parsed) and hashes."""
    return {
        **_fields(entry),
        "detail": json.loads(entry.detail or "{}"),
        "prev_hash": entry.prev_hash,
        "hash": entry.hash,
    }


def append(
    session: Session,
    actor: Actor,
    action: str,
    subject_type: str,
    subject_id: str,
    reason: str = "",
    detail: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> AuditEntry:
    """Append one entry in the caller's transaction (it commits or rolls back with the act).

    Bumping the head row first takes the write lock, so concurrent writers (threads or API
    workers on one database) append one after another and never fork the chain.
    """
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(length=AuditHead.length + 1))
    head = session.execute(
        select(AuditHead.length, AuditHead.last_hash).where(AuditHead.id == 1)
    ).one()
    entry = AuditEntry(
        seq=int(head.length),
        at=at or utc_instant(),
        actor_id=actor.user_id,
        actor_role=actor.role,
        action=action,
        subject_type=subject_type,
        subject_id=str(subject_id),
        reason=reason or "",
        detail=json.dumps(detail or {}, sort_keys=True, default=str, ensure_ascii=False),
        prev_hash=head.last_hash,
        hash="",
    )
    entry.hash = entry_hash(entry.prev_hash, _fields(entry))
    session.add(entry)
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(last_hash=entry.hash))
    return entry


def entries(session: Session, batch: int = 1000) -> Iterator[AuditEntry]:
    """Yield every entry in chain order."""
    last = 0
    while True:
        rows = list(
            session.scalars(
                select(AuditEntry)
                .where(AuditEntry.seq > last)
                .order_by(AuditEntry.seq)
                .limit(batch)
            )
        )
        if not rows:
            return
        yield from rows
        last = rows[-1].seq


def verify_chain(session: Session) -> int:
    """Check every entry and the head; return the number of entries.

    Raises:
        AuditBroken: naming the first entry whose hash, link or position is wrong (or the
            head, when entries at the end were removed).
    """
    previous, expected_seq = GENESIS, 1
    for entry in entries(session):
        if entry.seq != expected_seq:
            raise AuditBroken(expected_seq, f"entry {expected_seq} is missing")
        if entry.prev_hash != previous:
            raise AuditBroken(entry.seq, "it does not link to the entry before")
        if entry_hash(entry.prev_hash, _fields(entry)) != entry.hash:
            raise AuditBroken(entry.seq, "its content does not match its hash")
        previous, expected_seq = entry.hash, expected_seq + 1
    head = session.get(AuditHead, 1)
    count = expected_seq - 1
    if head is None or head.length != count or head.last_hash != previous:
        raise AuditBroken(count + 1, "entries after it were removed (the head says more)")
    return count
