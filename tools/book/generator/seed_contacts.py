"""The contact persons of the five seed use-case customers."""

from __future__ import annotations

from typing import Any


def _contact(
    cid: str,
    number: int,
    name: tuple[str, str],
    role: str,
    email: str,
    phone: str,
    language: str,
    consent: tuple[bool | None, bool | None, bool | None] = (True, True, True),
) -> dict[str, Any]:
    """Return a seed contact person; the first of a customer is its primary contact."""
    return {
        "id": f"{cid}-{number}",
        "customer_id": cid,
        "first_name": name[0],
        "last_name": name[1],
        "role": role,
        "email": email,
        "phone": phone,
        "language": language,
        "is_primary": number == 1,
        "consent_email": consent[0],
        "consent_phone": consent[1],
        "consent_portal": consent[2],
        "objection_to_marketing": False,
    }


def seed_contacts() -> list[dict[str, Any]]:
    """Return the seed customers' contact persons.

    Each primary contact consented on every channel, so each use case's draft may go out on
    its channel (email, email, email, a renewal call, a portal message). Nordic IT
    Solutions AB's primary contact is Sarah, as in the seed's triggered emails; Anna Berg is
    the CFO its CRM notes name, and Johan Ekström refused marketing by e-mail.
    """
    return [
        _contact(
            "S000001",
            1,
            ("Sarah", "Lindberg"),
            "ceo",
            "sarah.lindberg@nordicit.example",
            "+46 70 234 56 78",
            "sv",
        ),
        _contact(
            "S000001",
            2,
            ("Anna", "Berg"),
            "cfo",
            "anna.berg@nordicit.example",
            "+46 70 123 45 67",
            "sv",
            (True, True, None),
        ),
        _contact(
            "S000001",
            3,
            ("Johan", "Ekström"),
            "it",
            "johan.ekstrom@nordicit.example",
            "+46 73 456 78 90",
            "sv",
            (False, None, None),
        ),
        _contact(
            "S000002",
            1,
            ("Jukka", "Mäkinen"),
            "ceo",
            "jukka.makinen@nordicmanufacturing.example",
            "+358 40 123 4567",
            "fi",
        ),
        _contact(
            "S000002",
            2,
            ("Sanna", "Heikkinen"),
            "operations",
            "sanna.heikkinen@nordicmanufacturing.example",
            "+358 50 765 4321",
            "fi",
            (True, None, None),
        ),
        _contact(
            "S000003",
            1,
            ("Kristin", "Haugen"),
            "owner",
            "kristin.haugen@osloconsulting.example",
            "+47 912 34 567",
            "nb",
        ),
        _contact(
            "S000004",
            1,
            ("Karin", "Åberg"),
            "ceo",
            "karin.aberg@stockholmretail.example",
            "+46 72 345 67 89",
            "sv",
        ),
        _contact(
            "S000004",
            2,
            ("Mattias", "Holm"),
            "hr",
            "mattias.holm@stockholmretail.example",
            "+46 76 987 65 43",
            "sv",
            (True, None, None),
        ),
        _contact(
            "S000005",
            1,
            ("Eirik", "Dahl"),
            "ceo",
            "eirik.dahl@bergentech.example",
            "+47 934 56 789",
            "nb",
        ),
        _contact(
            "S000005",
            2,
            ("Silje", "Moen"),
            "cfo",
            "silje.moen@bergentech.example",
            "+47 481 23 456",
            "nb",
            (True, True, None),
        ),
    ]
