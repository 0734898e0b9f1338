"""`copilot ask --contact`: the recipient by id, the primary by default, an unknown id refused."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from copilot.cli.main import app
from tests.copilot.conftest import SEED_ADVISOR
from tools.foundation.settings import Settings

runner = CliRunner()
EMAIL = "Draft an email about their growth"


def ask(*extra: str) -> Any:
    return runner.invoke(
        app,
        ["ask", "--advisor", SEED_ADVISOR, "--customer", "S000001", EMAIL, "--json", *extra],
    )


def test_the_primary_contact_is_the_recipient_by_default(cli_env: Settings) -> None:
    result = ask()

    assert result.exit_code == 0, result.output
    recipient = json.loads(result.stdout)["recipient"]
    assert (recipient["id"], recipient["first_name"], recipient["primary"]) == (
        "S000001-1",
        "Sarah",
        True,
    )


def test_the_contact_option_chooses_the_recipient(cli_env: Settings) -> None:
    result = ask("--contact", "S000001-2", "--channel", "email")

    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["recipient"]["first_name"] == "Anna" and answer["recipient"]["role"] == "cfo"
    assert "channel.consent" not in {f["rule"] for f in answer["findings"]}


def test_an_email_to_a_contact_who_refused_email_is_blocked(cli_env: Settings) -> None:
    result = ask("--contact", "S000001-3", "--channel", "email")

    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    blocks = {f["rule"] for f in answer["findings"] if f["severity"] == "block"}
    assert answer["recipient"]["first_name"] == "Johan"
    assert "channel.consent" in blocks and not answer["passed"]


def test_another_customers_contact_is_refused_with_a_clear_message(cli_env: Settings) -> None:
    result = ask("--contact", "S000002-1")

    assert result.exit_code == 2
    assert "Unknown contact 'S000002-1' for customer 'S000001'" in result.stderr
    assert "S000001-1, S000001-2, S000001-3" in result.stderr
    assert "Traceback" not in result.output


def test_book_contacts_lists_the_people_with_their_consent(cli_env: Settings) -> None:
    result = runner.invoke(app, ["book", "contacts", "Nordic IT Solutions AB"])

    assert result.exit_code == 0, result.output
    assert "S000001-1" in result.stdout and "Sarah Lindberg" in result.stdout
    assert "email refused: no marketing" in result.stdout  # Johan refused e-mail


def test_book_contacts_of_an_unknown_customer_exits_2(cli_env: Settings) -> None:
    result = runner.invoke(app, ["book", "contacts", "No Such Company AB"])

    assert result.exit_code == 2 and "Unknown customer" in result.stderr
