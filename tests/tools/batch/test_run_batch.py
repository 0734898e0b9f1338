"""The batch writes each advisor's action list, idempotently per run date."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from copilot.cli.batch_cmd import app
from tools.batch import run_batch
from tools.batch.models import ActionItem
from tools.book.schema import migrate
from tools.foundation.settings import Settings

Book = Callable[[int], tuple[Settings, Session]]


def _count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(ActionItem)) or 0)


def test_batch_writes_the_chosen_actions(fresh_book: Book) -> None:
    settings, session = fresh_book(40)
    migrate(settings)
    report = run_batch(settings)
    assert _count(session) == report.chosen > 0


def test_rerunning_a_date_replaces_its_items(fresh_book: Book) -> None:
    settings, session = fresh_book(40)
    migrate(settings)
    first = run_batch(settings)
    run_batch(settings)
    assert _count(session) == first.chosen


def test_advisor_list_is_numbered_from_one(fresh_book: Book) -> None:
    settings, session = fresh_book(40)
    migrate(settings)
    run_batch(settings)
    query = select(ActionItem.priority).where(ActionItem.advisor_id == "ADV-001")
    priorities = sorted(session.scalars(query))
    assert priorities == list(range(1, len(priorities) + 1))


def test_progress_reaches_every_customer(fresh_book: Book) -> None:
    settings, _ = fresh_book(40)
    migrate(settings)
    seen: list[tuple[int, int]] = []
    report = run_batch(settings, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (report.customers, report.customers)


def test_cli_run_then_list_prints_the_advisor_list(fresh_book: Book) -> None:
    fresh_book(40)
    runner = CliRunner()
    assert runner.invoke(app, ["run"]).exit_code == 0
    listed = runner.invoke(app, ["list", "--advisor", "ADV-001"])
    assert listed.exit_code == 0
    assert "S000001" in listed.output


def test_cli_rejects_a_bad_date_with_a_message(fresh_book: Book) -> None:
    fresh_book(10)
    result = CliRunner().invoke(app, ["run", "--date", "22/11/2026"])
    assert result.exit_code == 2
    assert "ISO 8601" in result.output


def _items(session: Session) -> list[tuple[str, int, str, str]]:
    query = select(
        ActionItem.advisor_id, ActionItem.priority, ActionItem.action_id, ActionItem.delivery
    ).order_by(ActionItem.advisor_id, ActionItem.priority)
    return [tuple(row) for row in session.execute(query)]  # type: ignore[misc]


def test_worker_processes_write_the_same_lists(fresh_book: Book) -> None:
    settings, session = fresh_book(40)
    migrate(settings)
    run_batch(settings, workers=1, chunk_size=15)
    alone = _items(session)
    run_batch(settings, workers=2, chunk_size=15)
    session.expire_all()
    assert _items(session) == alone


def test_a_book_run_sweeps_unanswered_offers_once(fresh_book: Book) -> None:
    from datetime import timedelta

    from tools.foundation.clock import utc_now
    from tools.learning.models import OfferOutcome
    from tools.learning.offers import OfferCreate, record_offer

    settings, session = fresh_book(40)
    migrate(settings)
    waited = settings.outcome_no_response_days + 1
    for days in (waited, 1):
        record_offer(
            session,
            OfferCreate(
                customer_id="S000001",
                product_code="CYBER",
                channel="email",
                trigger_type="gap",
                presented_at=utc_now() - timedelta(days=days),
                model_version="propensity-x",
                rule_pack_id="nordic-se",
                rule_pack_version="2026.12.1",
                arm="champion",
            ),
        )
    session.commit()
    first, second = run_batch(settings), run_batch(settings)
    assert (first.no_response_marked, second.no_response_marked) == (1, 0)
    outcomes = session.scalars(select(OfferOutcome.outcome)).all()
    assert outcomes == ["no_response"]
    assert run_batch(settings, advisor_id="ADV-001").no_response_marked == 0
