"""Take the README's screenshots of the pages in Chromium at 400 px (and the review at 1280).

    python -m tests.browser.screenshots --data-dir DIR [--out docs/screenshots]

``DIR`` is a prepared data dir (``copilot init``); a private copy of it is served, so the
screenshots change nothing in it. The turn is the offline drafter's; nothing leaves loopback.
"""

from __future__ import annotations

import argparse
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from copilot.users import demo_tokens
from tests.browser.conftest import Site, chromium_path, sign_in
from tests.data_dirs import copy_data_dir
from tests.processes import api_server, free_port
from tools.book.schema import migrate
from tools.foundation.settings import Settings

CUSTOMER = "S000001"


def _shot(page: Any, out: Path, name: str, height: int) -> None:
    page.set_viewport_size({"width": page.viewport_size["width"], "height": height})
    page.screenshot(path=str(out / f"{name}.png"))
    print(out / f"{name}.png")


def take(site: Site, out: Path) -> None:
    """Drive the panel and the review page and save the screenshots."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        advisor = browser.new_page(viewport={"width": 400, "height": 900})
        sign_in(advisor, site, site.advisor, f"/panel?customer={CUSTOMER}")
        _shot(advisor, out, "panel", 1500)
        advisor.get_by_role("heading", name="Contact persons").scroll_into_view_if_needed()
        advisor.screenshot(path=str(out / "panel-contacts.png"))
        advisor.get_by_label("Your question or request").fill("Draft an email about cyber cover")
        advisor.get_by_label("Your question or request").press("Enter")
        advisor.get_by_text("The draft is ready below").wait_for(timeout=60_000)
        advisor.wait_for_load_state("networkidle")
        advisor.evaluate("document.getElementById('ask-h').scrollIntoView()")
        _shot(advisor, out, "panel-draft", 1500)
        advisor.locator("#drafts article.draft").first.get_by_role("button", name="Approve").click()
        advisor.locator("article.decided").first.wait_for()
        sign_in(advisor, site, site.advisor, "/panel/lists?kind=top_defend")
        _shot(advisor, out, "action-lists", 900)
        sign_in(advisor, site, site.advisor, "/team")
        _shot(advisor, out, "team", 900)

        wide = browser.new_page(viewport={"width": 1280, "height": 900})
        sign_in(wide, site, site.advisor, f"/panel?customer={CUSTOMER}")
        _shot(wide, out, "panel-1280", 1100)
        sign_in(wide, site, site.advisor, "/team")
        _shot(wide, out, "team-1280", 800)

        checker = browser.new_page(viewport={"width": 1280, "height": 900})
        sign_in(checker, site, site.compliance, "/review")
        _shot(checker, out, "review-queue", 700)
        first = checker.locator("a[href^='/review/']").first
        if first.count():
            first.click()
            checker.wait_for_load_state("networkidle")
            _shot(checker, out, "review-item", 1400)
        narrow = browser.new_page(viewport={"width": 400, "height": 900})
        sign_in(narrow, site, site.compliance, "/review")
        _shot(narrow, out, "review-queue-400", 900)
        browser.close()


def _simulate(settings: Settings, days: int) -> None:
    from evals.simulation.loop import play
    from evals.simulation.models import SimulationSpec
    from tools.book.repository import book_as_of
    from tools.foundation.db import session_scope

    with session_scope(settings) as session:
        # The run ends on the book's date, so every offer and outcome lies in the past.
        start = book_as_of(session) - timedelta(days=days)
        spec = SimulationSpec(days=days, as_of=start, customers=50)
        print(play(session, spec, settings.outcome_no_response_days).model_dump_json())


def main() -> None:
    """Serve a copy of the data dir and take the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument(
        "--simulate-days",
        type=int,
        default=0,
        help="First play the learning loop's simulator this many days on the copy, so the "
        "team page charts offers and outcomes (0: the book as it is).",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = Path(scratch) / "data"
        copy_data_dir(args.data_dir, data_dir)
        settings = Settings(data_dir=data_dir)
        migrate(settings)
        if args.simulate_days:
            _simulate(settings, args.simulate_days)
        tokens = demo_tokens(settings)
        port = free_port()
        env = {"COPILOT_DATA_DIR": str(data_dir), "COPILOT_REVIEW_SAMPLE_RATE": "0"}
        with api_server(port, env):
            site = Site(
                f"http://127.0.0.1:{port}", data_dir, tokens["ADV-001"], tokens["compliance"]
            )
            take(site, args.out.resolve())


if __name__ == "__main__":
    main()
