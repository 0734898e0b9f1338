"""The compliance review queue and one item in a real browser: 400 and 1280 px, axe, decide."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.browser.conftest import Site, page_width, serious_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]
FIRST_CONTACT = "S000002"
"""A seed customer whose first marketing e-mail compliance must approve before it goes out."""


def _queued_draft(site: Site) -> str:
    """Have the advisor draft and approve a first-contact e-mail; return its approval id."""
    headers = {"Authorization": f"Bearer {site.advisor}"}
    with httpx.Client(base_url=site.base, headers=headers, timeout=60) as api:
        turn = api.post(
            f"/api/customers/{FIRST_CONTACT}/turns", json={"message": "Draft an email"}
        ).json()
        decided = api.post(
            f"/api/turns/{turn['approval_id']}/decision",
            json={"decision": "approve", "reason": "ready"},
        ).json()
    assert decided["status"] == "in_review", decided
    return str(turn["approval_id"])


@pytest.mark.parametrize("width", [400, 1280])
def test_the_queue_reads_well_and_passes_axe(browser: Any, site: Site, width: int) -> None:
    _queued_draft(site)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    sign_in(page, site, site.compliance, "/review")

    assert page.locator("h1").inner_text() == "Review queue"
    assert page.locator("a[href^='/review/']").count() >= 1
    assert page_width(page) <= width
    assert serious_violations(page) == []
    context.close()


def test_an_item_is_decided_from_its_page(browser: Any, site: Site) -> None:
    approval_id = _queued_draft(site)
    context = browser.new_context(viewport={"width": 400, "height": 900})
    page = context.new_page()
    csp: list[str] = []
    page.on("console", lambda m: csp.append(m.text) if "Content Security" in m.text else None)
    sign_in(page, site, site.compliance, f"/review/{approval_id}")

    assert page_width(page) <= 400
    assert serious_violations(page) == []
    page.get_by_label("Approve").check()
    page.get_by_label("Reason code").select_option("compliant")
    page.get_by_label("Comment").fill("Checked the disclosures")
    page.get_by_role("button", name="Record decision").click()
    result = page.locator("#decision-result")
    result.get_by_text("Approved").first.wait_for()
    assert csp == []
    context.close()
