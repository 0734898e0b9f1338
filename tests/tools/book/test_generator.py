from __future__ import annotations

import ast
import filecmp
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.conftest import AS_OF, build_book
from tools.book.csv_io import export_book
from tools.book.generator.firmographics import SIZE_SHARES
from tools.book.models import Customer, GroundTruth, Policy
from tools.book.stats import seed_customers
from tools.catalogue.loader import load_catalogue
from tools.foundation.db import session_factory

REPO = Path(__file__).resolve().parents[3]


def _export(data_dir: Path, customers: int, seed: int, out: Path) -> Path:
    settings = build_book(data_dir, customers, seed)
    with session_factory(settings)() as session:
        export_book(session, out)
    return out


def _same_folders(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir())
    match, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    return not mismatch and not errors and len(match) == len(names)


def test_same_seed_gives_the_same_book(tmp_path: Path) -> None:
    first = _export(tmp_path / "a", 120, 11, tmp_path / "out_a")
    second = _export(tmp_path / "b", 120, 11, tmp_path / "out_b")
    assert _same_folders(first, second)


def test_another_seed_gives_another_book(tmp_path: Path) -> None:
    first = _export(tmp_path / "a", 120, 11, tmp_path / "out_a")
    second = _export(tmp_path / "b", 120, 12, tmp_path / "out_b")
    assert not _same_folders(first, second)


def test_size_bands_follow_the_documented_targets(book_session: Session) -> None:
    catalogue = load_catalogue()
    employees = list(book_session.scalars(select(Customer.employees).where(Customer.id.like("C%"))))
    for band, target in SIZE_SHARES.items():
        share = sum(catalogue.size_band(n) == band for n in employees) / len(employees)
        assert share == pytest.approx(target, abs=0.08), band


def test_every_country_and_industry_is_present(book_session: Session) -> None:
    catalogue = load_catalogue()
    countries = set(book_session.scalars(select(Customer.country).distinct()))
    industries = set(book_session.scalars(select(Customer.industry_code).distinct()))
    assert countries == set(catalogue.countries)
    assert industries == set(catalogue.industries)


def test_customers_hold_a_realistic_number_of_policies(book_session: Session) -> None:
    policies = book_session.scalar(select(func.count()).select_from(Policy)) or 0
    customers = book_session.scalar(select(func.count()).select_from(Customer)) or 1
    assert 2.0 <= policies / customers <= 6.0


def test_turnover_stays_under_the_sme_ceiling(book_session: Session) -> None:
    assert (book_session.scalar(select(func.max(Customer.turnover_eur))) or 0) < 50_000_000


def test_claims_follow_the_latent_risk_attitude(book_session: Session) -> None:
    rows = book_session.execute(select(GroundTruth.customer_id, GroundTruth.risk_attitude)).all()
    risky = {cid for cid, attitude in rows if attitude > 0.8}
    careful = {cid for cid, attitude in rows if attitude < -0.8}
    from tools.book.models import Claim

    def rate(ids: set[str]) -> float:
        claims = book_session.scalar(select(func.count()).where(Claim.customer_id.in_(ids))) or 0
        return claims / max(len(ids), 1)

    assert rate(risky) > 1.5 * rate(careful)


def test_ground_truth_is_not_exported(book_session: Session, tmp_path: Path) -> None:
    export_book(book_session, tmp_path)
    assert not (tmp_path / "ground_truth.csv").exists()
    assert (tmp_path / "customers.csv").exists()


def _reads_ground_truth(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module == "tools.book.models"
            and any(alias.name == "GroundTruth" for alias in node.names)
        ):
            return True
        if isinstance(node, ast.Constant) and node.value == "ground_truth":
            return True
    return False


def test_no_tool_or_copilot_module_reads_the_ground_truth() -> None:
    # Only the generator writes it; the training run reads it for the model card's oracle
    # comparison (evaluation, never scoring).
    allowed_prefixes = ("tools/book/", "tools/training/run.py")
    offenders = [
        str(path.relative_to(REPO))
        for folder in ("tools", "copilot", "knowledge", "api")
        for path in (REPO / folder).rglob("*.py")
        if not str(path.relative_to(REPO)).startswith(allowed_prefixes)
        and _reads_ground_truth(path)
    ]
    assert offenders == []


def test_seed_customers_carry_the_seed_figures(book_session: Session) -> None:
    seeds = {row["name"]: row for row in seed_customers(book_session)}
    assert seeds["Nordic IT Solutions AB"]["policies"] == {"PI": 3000}
    assert seeds["Nordic IT Solutions AB"]["employees"] == 15
    assert seeds["Nordic IT Solutions AB"]["turnover_eur"] == 3_000_000
    assert seeds["Nordic Manufacturing Oy"]["policies"] == {"GL": 2400, "PROPERTY": 1800}
    assert seeds["Nordic Manufacturing Oy"]["employees"] == 22
    assert seeds["Oslo Consulting AS"]["prospect"] is True
    assert seeds["Oslo Consulting AS"]["turnover_eur"] == 1_800_000
    assert seeds["Stockholm Retail AB"]["policies"] == {"GL": 3600}
    assert seeds["Stockholm Retail AB"]["turnover_eur"] == 8_500_000
    assert seeds["Bergen Tech AS"]["policies"] == {"GL": 2100, "PROPERTY": 1500}


def _lapse_days(session: Session) -> dict[str, date]:
    # Customers all of whose policies ended, and the day the last one did.
    return dict(
        session.query(Policy.customer_id, func.max(Policy.end_date))
        .where(Policy.customer_id.like("C%"))
        .group_by(Policy.customer_id)
        .having(func.count(Policy.end_date) == func.count())
        .all()
    )


def test_churned_customers_left_throughout_their_tenure(book_session: Session) -> None:
    # Not bunched in the latest year: a snapshot a year back has churners of its own.
    year_ago = AS_OF - timedelta(days=365)
    ends = list(_lapse_days(book_session).values())
    older = sum(end < year_ago for end in ends)
    assert 0 < len(ends) - older < older
    assert min(ends) < AS_OF - timedelta(days=3 * 365)


def test_a_churned_customer_lapses_every_policy_on_one_day(book_session: Session) -> None:
    days = (
        book_session.query(Policy.customer_id, func.count(func.distinct(Policy.end_date)))
        .where(Policy.customer_id.like("C%"), Policy.end_date.is_not(None))
        .group_by(Policy.customer_id)
        .all()
    )
    churned = _lapse_days(book_session)
    assert days and all(count == 1 and cid in churned for cid, count in days)
