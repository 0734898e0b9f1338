"""The advisor side panel in a real browser at 400 px: keyboard, stream, reload, decide, axe."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from tests.api.conftest import SEED_ADVISOR, SEED_CUSTOMER
from tests.browser.conftest import Site, page_width, serious_violations, sign_in
from tools.book.models import Customer
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WIDTH = 400


@pytest.fixture
def page(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": WIDTH, "height": 900})
    opened = context.new_page()
    opened.csp_errors = []
    opened.on(
        "console",
        lambda m: opened.csp_errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    yield opened
    context.close()


def test_the_panel_from_sign_in_to_an_approved_draft(page: Any, site: Site) -> None:
    sign_in(page, site, site.advisor, f"/panel?customer={SEED_CUSTOMER}")
    assert page.locator("h1").inner_text() == "Nordic IT Solutions AB"
    assert page_width(page) <= WIDTH
    assert serious_violations(page) == []

    box = page.get_by_label("Your question or request")
    box.focus()
    page.keyboard.type("Draft an email about cyber cover")
    page.keyboard.press("Enter")
    page.get_by_text("The draft is ready below").wait_for(timeout=60_000)
    page.wait_for_load_state("networkidle")
    draft = page.locator("#drafts article.draft").first
    progress = page.locator("#progress").inner_text()
    assert "Checked the draft against the compliance rules" in progress
    approval = draft.get_attribute("id")
    assert page.locator("a.cite").count() > 0
    page.locator("a.cite").first.click()
    assert page.locator("details.passage[open]").count() == 1
    assert page_width(page) <= WIDTH
    assert serious_violations(page) == []

    page.reload()
    survived = page.locator(f"#{approval}")
    assert survived.count() == 1, "the pending draft survives a reload"

    survived.locator("summary", has_text="Rate this draft").press("Enter")
    survived.get_by_label("4 stars").check()
    survived.get_by_label("tone").check()
    survived.get_by_role("button", name="Send rating").click()
    page.get_by_text("Thanks: 4 stars (tone) saved.").wait_for()

    survived.get_by_role("button", name="Approve").click()
    decided = page.locator("article.decided").first
    decided.wait_for()
    assert "Decision recorded: approve" in decided.inner_text()
    assert "outbox" in decided.inner_text() or "compliance review" in decided.inner_text()
    assert page.csp_errors == []


def test_another_advisors_customer_is_not_found(page: Any, site: Site) -> None:
    with session_scope(Settings(data_dir=site.data_dir)) as session:
        other = session.scalar(
            select(Customer.id).where(Customer.advisor_id != SEED_ADVISOR).limit(1)
        )
    sign_in(page, site, site.advisor, f"/panel?customer={other}")

    assert page.locator("h1").inner_text() == "Not found"


def test_the_action_lists_read_well_at_400_px(page: Any, site: Site) -> None:
    sign_in(page, site, site.advisor, "/panel/lists?kind=renewals")

    assert page.locator("h2").inner_text() == "Renewals due"
    page.get_by_role("link", name="Top Defend").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h2").inner_text() == "Top Defend"
    assert page_width(page) <= WIDTH
    assert serious_violations(page) == []
    assert page.csp_errors == []
