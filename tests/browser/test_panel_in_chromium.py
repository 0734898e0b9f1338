"""Seed use case 1 in a real browser, from the advisor's panel to compliance and the outbox.

Nordic IT Solutions AB grew from 8 to 15 employees: its advisor opens the panel at 400 px,
sees cyber cover first, asks for an email, watches it stream, edits one sentence, approves
it and rates it; compliance finds it in the queue with its evidence and the advisor's diff
and approves it; the message is in the outbox and every step is in the audit log. Script
injected into the CRM notes stays text on both pages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from copilot.users import demo_tokens
from tests.api.conftest import OTHER_ADVISOR, SEED_CUSTOMER
from tests.browser.conftest import Site, page_width, serious_violations, sign_in
from tools.book.models import Customer
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WIDTH = 400
INJECTED = '<script>window.pwned = 1</script><img src="x" onerror="window.pwned = 2"> call Sarah'
"""CRM notes a hostile integration could write."""


class Watched:
    """A page with the console's CSP reports and any dialog recorded."""

    def __init__(self, browser: Any, width: int) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.csp: list[str] = []
        self.dialogs: list[str] = []
        self.page.on(
            "console",
            lambda m: self.csp.append(m.text) if "Content Security Policy" in m.text else None,
        )
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def inert(self) -> bool:
        """Return whether no injected script ran and no injected element exists."""
        ran = self.page.evaluate("window.pwned === undefined")
        return bool(ran) and self.page.locator(".notes img, .notes script").count() == 0


@pytest.fixture
def notes_injected(site: Site) -> None:
    with session_scope(Settings(data_dir=site.data_dir)) as session:
        session.execute(
            update(Customer).where(Customer.id == SEED_CUSTOMER).values(crm_notes=INJECTED)
        )


def test_seed_use_case_1_from_the_panel_to_the_outbox(
    browser: Any, site: Site, notes_injected: None, tmp_path: Path
) -> None:
    advisor = Watched(browser, WIDTH)
    page = advisor.page
    sign_in(page, site, site.advisor, f"/panel?customer={SEED_CUSTOMER}")
    assert page.locator("h1").inner_text() == "Nordic IT Solutions AB"
    first = page.locator("ol.recs > li").first
    assert first.locator("h3").inner_text().startswith("Cyber liability")
    assert "IT services companies need CYBER" in first.inner_text()
    page.get_by_text("CRM notes").click()
    assert "<script>" in page.locator(".notes").inner_text() and advisor.inert()
    assert page_width(page) <= WIDTH
    assert serious_violations(page) == []
    page.screenshot(path=str(tmp_path / "panel.png"), full_page=True)

    box = page.get_by_label("Your question or request")
    box.focus()
    page.keyboard.type("Draft an email about cyber cover")
    page.keyboard.press("Enter")
    page.get_by_text("The draft is ready below").wait_for(timeout=60_000)
    page.wait_for_load_state("networkidle")
    progress = page.locator("#progress").inner_text()
    assert "Drafted the message" in progress and "Checked the draft" in progress
    draft = page.locator("#drafts article.draft").first
    approval_id = (draft.get_attribute("id") or "").removeprefix("draft-")
    page.locator("a.cite").first.click()
    assert page.locator("details.passage[open]").count() == 1
    assert serious_violations(page) == []

    page.reload()
    draft = page.locator(f"#draft-{approval_id}")
    assert draft.count() == 1, "the pending draft survives a reload"
    draft.get_by_text("Edit the text before approving").click()
    text = draft.get_by_label("Message as it will be sent")
    original = text.input_value()
    assert "Hej Sarah," in original  # addressed to Nordic IT's primary contact
    text.fill(original.replace("Vänliga hälsningar", "Med vänliga hälsningar", 1))
    draft.get_by_label("Reason (required to reject)").fill("warmer sign-off")
    draft.get_by_role("button", name="Approve").click()
    decided = page.locator(f"#draft-{approval_id}.decided")
    decided.wait_for()
    assert "Decision recorded: edit" in decided.inner_text()
    assert decided.locator("ins").count() >= 1, "the edit's diff is shown"
    status = decided.locator("p.status").inner_text()
    assert "waiting for compliance review" in status  # a first marketing e-mail: pre-approval

    decided.get_by_text("Rate this draft").click()
    decided.get_by_label("4 stars").check()
    decided.get_by_label("tone").check()
    decided.get_by_role("button", name="Send rating").click()
    page.get_by_text("Thanks: 4 stars (tone) saved.").wait_for()
    assert advisor.csp == [] and advisor.dialogs == []
    advisor.context.close()

    checker = Watched(browser, 1280)
    sign_in(checker.page, site, site.compliance, "/review")
    checker.page.locator(f"a[href='/review/{approval_id}']").click()
    checker.page.wait_for_load_state("networkidle")
    item = checker.page
    assert "Hej Sarah" in item.locator("main").inner_text()
    assert item.locator("ins").count() >= 1, "the advisor's edit as a diff"
    assert item.get_by_text("Facts used").count() == 1
    assert "<script>" in item.locator(".notes").inner_text() and checker.inert()
    assert serious_violations(item) == []
    item.screenshot(path=str(tmp_path / "review.png"), full_page=True)
    item.get_by_label("Approve").check()
    item.get_by_label("Reason code").select_option("compliant")
    item.get_by_role("button", name="Record decision").click()
    item.locator("#decision-result").get_by_text("Approved").first.wait_for()
    assert checker.csp == [] and checker.dialogs == []
    checker.context.close()

    compliance = {"Authorization": f"Bearer {site.compliance}"}
    outbox = httpx.get(f"{site.base}/api/outbox", headers=compliance).json()
    sent = [m for m in outbox if m["approval_id"] == approval_id]
    assert sent and sent[0]["body"].count("Hej Sarah,") == 1
    audit = httpx.get(
        f"{site.base}/api/audit", params={"subject_id": approval_id}, headers=compliance
    ).json()
    actions = {entry["action"] for entry in audit}
    assert {"turn.start", "turn.decide", "rating.create"} <= actions
    assert "review.decide" in actions


def test_another_advisor_gets_not_found_for_the_panel_and_the_draft(
    browser: Any, site: Site
) -> None:
    headers = {"Authorization": f"Bearer {site.advisor}"}
    turn = httpx.post(
        f"{site.base}/api/customers/{SEED_CUSTOMER}/turns",
        json={"message": "Draft an email"},
        headers=headers,
        timeout=60,
    ).json()
    with session_scope(Settings(data_dir=site.data_dir)) as session:
        other = session.scalar(
            select(Customer.id).where(Customer.advisor_id == OTHER_ADVISOR).limit(1)
        )
    other_token = demo_tokens(Settings(data_dir=site.data_dir))[OTHER_ADVISOR]
    someone = Watched(browser, WIDTH)
    sign_in(someone.page, site, other_token, f"/panel?customer={SEED_CUSTOMER}")
    assert someone.page.locator("h1").inner_text() == "Not found"
    assert "Nordic IT" not in someone.page.locator("main").inner_text()
    someone.page.goto(f"{site.base}/panel/turns/{turn['approval_id']}")
    assert someone.page.locator("h1").inner_text() == "Not found"
    someone.page.goto(f"{site.base}/panel?customer={other}")
    assert someone.page.locator("h1").inner_text() != "Not found"
    someone.context.close()


def test_the_action_lists_read_well_at_400_px(browser: Any, site: Site) -> None:
    watched = Watched(browser, WIDTH)
    page = watched.page
    sign_in(page, site, site.advisor, "/panel/lists?kind=renewals")

    assert page.locator("h2").inner_text() == "Renewals due"
    page.get_by_role("link", name="Top Defend").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h2").inner_text() == "Top Defend"
    assert page_width(page) <= WIDTH
    assert serious_violations(page) == []
    assert watched.csp == []
    watched.context.close()
