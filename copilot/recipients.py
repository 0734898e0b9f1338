"""The person a turn's message goes to: the contact the advisor chose, else the primary one.

The contact id comes from the authenticated request (the API field or the CLI option), never
from the advisor's free text or a model. Each person's contactability is decided by
``tools.contactability`` from their own consent with the company's objection and care.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from copilot.state import ContactFacts
from tools.book.models import Contact
from tools.book.repository import contacts_of
from tools.contactability import CompanyRecord, contact_contactability
from tools.foundation.errors import UnknownContact


def contact_facts(person: Contact, company: CompanyRecord) -> ContactFacts:
    """Return what the turn knows of one contact person of the company."""
    return ContactFacts(
        id=person.id,
        first_name=person.first_name,
        last_name=person.last_name,
        role=person.role,
        email=person.email,
        phone=person.phone,
        language=person.language,
        primary=person.is_primary,
        contactability=contact_contactability(person, company),
    )


def read_contacts(session: Session, customer_id: str, company: CompanyRecord) -> list[ContactFacts]:
    """Return the customer's contact persons, the primary one first."""
    return [contact_facts(person, company) for person in contacts_of(session, customer_id)]


def choose_recipient(
    contacts: list[ContactFacts], customer_id: str, requested: str | None
) -> ContactFacts | None:
    """Return the requested contact, else the primary one (None: the customer has none).

    Raises:
        UnknownContact: the requested id is not one of this customer's contacts (another
            customer's contact is not found either).
    """
    if requested is not None:
        found = next((c for c in contacts if c.id == requested), None)
        if found is None:
            raise UnknownContact(requested, customer_id, tuple(c.id for c in contacts))
        return found
    return next((c for c in contacts if c.primary), contacts[0] if contacts else None)
