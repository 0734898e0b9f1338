"""Contact persons in the book: the migration, the repository, the generator, the seed."""

from __future__ import annotations

import filecmp
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tests.conftest import build_book
from tools.book.csv_io import export_book
from tools.book.generator import book_writer
from tools.book.generator.contacts import company_domain
from tools.book.generator.nordic_names import FIRST_NAMES, LAST_NAMES
from tools.book.generator.seed_customers import seed_customer_ids
from tools.book.models import CONTACT_ROLES, Contact, Customer
from tools.book.repository import contact_of, contacts_of
from tools.book.schema import alembic_config, migrate
from tools.foundation.db import get_engine, session_factory
from tools.foundation.errors import UnknownContact
from tools.foundation.settings import Settings

Book = Callable[[int], tuple[Settings, Session]]
PHONE = {
    "SE": r"\+46 7\d \d{3} \d{2} \d{2}",
    "NO": r"\+47 [49]\d{2} \d{2} \d{3}",
    "DK": r"\+45 \d{2} \d{2} \d{2} \d{2}",
    "FI": r"\+358 (4\d|50) \d{3} \d{4}",
    "IS": r"\+354 [678]\d{2} \d{4}",
}
"""Mobile numbers as each country writes them."""


def _contacts(session: Session) -> list[tuple[Contact, Customer]]:
    query = select(Contact, Customer).join(Customer, Contact.customer_id == Customer.id)
    return [(contact, customer) for contact, customer in session.execute(query)]


def test_the_migration_creates_the_contacts_table_and_goes_down_again(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "db")
    migrate(settings)
    engine = get_engine(settings)

    tables = inspect(engine).get_table_names()
    indexes = {ix["name"]: ix for ix in inspect(engine).get_indexes("contacts")}
    command.downgrade(alembic_config(settings.db_url), "0005")
    after_down = inspect(get_engine(settings)).get_table_names()
    command.upgrade(alembic_config(settings.db_url), "heads")

    assert "contacts" in tables and "contacts" not in after_down
    assert indexes["ux_contacts_one_primary"]["unique"]
    assert "contacts" in inspect(get_engine(settings)).get_table_names()


def test_a_customer_cannot_have_two_primary_contacts(fresh_book: Book) -> None:
    _, session = fresh_book(5)
    primary = session.scalars(select(Contact).where(Contact.customer_id == "S000003")).one()
    session.add(Contact(**{**_row(primary), "id": "S000003-9", "is_primary": True}))

    with pytest.raises(IntegrityError):
        session.commit()


def _row(contact: Contact) -> dict[str, object]:
    return {c.name: getattr(contact, c.name) for c in Contact.__table__.columns}


def test_contacts_come_primary_first(book_session: Session) -> None:
    people = contacts_of(book_session, "S000001")

    assert [p.id for p in people] == ["S000001-1", "S000001-2", "S000001-3"]
    assert people[0].is_primary and not any(p.is_primary for p in people[1:])


def test_another_customers_contact_is_not_found_and_the_message_lists_the_right_ones(
    book_session: Session,
) -> None:
    with pytest.raises(UnknownContact) as caught:
        contact_of(book_session, "S000001", "S000002-1")

    message = str(caught.value)
    assert "'S000002-1'" in message and "S000001-1, S000001-2, S000001-3" in message
    assert "primary contact" in message
    assert contact_of(book_session, "S000001", "S000001-2").first_name == "Anna"


def test_every_customer_has_one_to_three_contacts_and_exactly_one_primary(
    book_session: Session,
) -> None:
    customers = set(book_session.scalars(select(Customer.id)))
    people = _contacts(book_session)
    count = Counter(contact.customer_id for contact, _ in people)
    primaries = Counter(contact.customer_id for contact, _ in people if contact.is_primary)

    assert set(count) == customers
    assert set(count.values()) <= {1, 2, 3} and len(set(count.values())) == 3
    assert set(primaries) == customers and set(primaries.values()) == {1}


def test_generated_people_are_named_and_reachable_as_in_their_country(
    book_session: Session,
) -> None:
    for contact, customer in _contacts(book_session):
        if customer.id in seed_customer_ids():
            continue
        country = customer.country
        assert contact.role in CONTACT_ROLES
        assert contact.email is not None and contact.phone is not None
        assert contact.email.endswith("@" + company_domain(customer.name))
        assert re.fullmatch(PHONE[country], contact.phone), (country, contact.phone)
        gender = "f" if contact.first_name in FIRST_NAMES[country]["f"] else "m"
        assert contact.first_name in FIRST_NAMES[country][gender]
        if country == "IS":
            assert contact.last_name.endswith("dóttir" if gender == "f" else "son")
        else:
            assert contact.last_name in LAST_NAMES[country]


def test_the_primary_contacts_consent_is_the_companys_record(book_session: Session) -> None:
    for contact, customer in _contacts(book_session):
        if contact.is_primary and customer.id not in seed_customer_ids():
            assert (contact.consent_email, contact.consent_phone, contact.consent_portal) == (
                customer.consent_email,
                customer.consent_phone,
                customer.consent_portal,
            )


def test_a_micro_companys_primary_contact_is_its_owner(book_session: Session) -> None:
    roles = {
        contact.role
        for contact, customer in _contacts(book_session)
        if contact.is_primary and customer.employees < 10 and customer.id.startswith("C")
    }

    assert roles == {"owner"}


def test_sarah_is_nordic_it_solutions_primary_contact(book_session: Session) -> None:
    sarah = contacts_of(book_session, "S000001")[0]

    assert (sarah.first_name, sarah.last_name, sarah.role) == ("Sarah", "Lindberg", "ceo")
    assert sarah.is_primary and sarah.email == "sarah.lindberg@nordicit.example"


def test_each_seed_customers_primary_contact_consented_on_its_channel(
    book_session: Session,
) -> None:
    for customer_id in seed_customer_ids():
        customer = book_session.get(Customer, customer_id)
        assert customer is not None
        primary = contacts_of(book_session, customer_id)[0]
        assert primary.is_primary and not primary.objection_to_marketing
        assert getattr(primary, f"consent_{customer.preferred_channel}") is True, customer_id
        assert primary.language == customer.language


def test_the_same_seed_gives_the_same_contacts(tmp_path: Path) -> None:
    rows = []
    for name in ("a", "b"):
        settings = build_book(tmp_path / name, 80, 5)
        with session_factory(settings)() as session:
            rows.append([_row(c) for c in session.scalars(select(Contact).order_by(Contact.id))])

    assert rows[0] == rows[1] and len(rows[0]) > 80


def test_contacts_leave_every_other_generated_table_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_contacts = tmp_path / "with"
    settings = build_book(tmp_path / "a", 120, 11)
    with session_factory(settings)() as session:
        export_book(session, with_contacts)
    monkeypatch.setattr(book_writer, "contact_rows", lambda rng, customers: [])
    without = tmp_path / "without"
    settings = build_book(tmp_path / "b", 120, 11)
    with session_factory(settings)() as session:
        export_book(session, without)

    names = sorted(p.name for p in with_contacts.iterdir() if p.name != "contacts.csv")
    match, mismatch, errors = filecmp.cmpfiles(with_contacts, without, names, shallow=False)
    assert mismatch == [] and errors == [] and len(match) == len(names)
