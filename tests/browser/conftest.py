"""A real server on a private copy of the prepared book, and Chromium driven by Playwright.

Playwright cannot download its own browser here; the Debian ``chromium`` package is used
(``make system-deps`` installs it). axe-core is vendored in ``tests/browser/vendor`` and served
to the page from the page's own origin, so the pages' Content-Security-Policy stays on.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from copilot.users import demo_tokens
from tests.api.conftest import SEED_ADVISOR
from tests.data_dirs import copy_data_dir
from tests.processes import api_server, free_port
from tools.book.schema import migrate
from tools.foundation.settings import Settings

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_PATH = "/static/__axe-core.js"
"""Where the test serves axe-core to the page (intercepted; the app has no such file)."""


@dataclass(frozen=True)
class Site:
    """The running server: its URL, data dir and the demo users' tokens."""

    base: str
    data_dir: Path
    advisor: str
    compliance: str


def chromium_path() -> str | None:
    """Return the Debian Chromium binary, if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def site(template_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Serve a private copy of the prepared book with ``copilot serve``."""
    data_dir = tmp_path_factory.mktemp("browser") / "data"
    copy_data_dir(template_data_dir, data_dir)
    settings = Settings(data_dir=data_dir)
    migrate(settings)
    tokens = demo_tokens(settings)
    port = free_port()
    env = {"COPILOT_DATA_DIR": str(data_dir), "COPILOT_REVIEW_SAMPLE_RATE": "0"}
    with api_server(port, env):
        yield Site(f"http://127.0.0.1:{port}", data_dir, tokens[SEED_ADVISOR], tokens["compliance"])


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Launch headless Chromium (skips when it is not installed)."""
    binary = chromium_path()
    if binary is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=binary, args=["--no-sandbox"])
        yield launched
        launched.close()


def serious_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core on the page; return its serious and critical violations."""
    page.route(f"**{AXE_PATH}", lambda route: route.fulfill(path=str(AXE)))
    page.add_script_tag(url=AXE_PATH)
    found: list[dict[str, Any]] = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => ({id: v.id, impact: v.impact, help: v.help,
                            targets: v.nodes.map(n => n.target.join(" ")).slice(0, 5)}));
        }"""
    )
    return found


def sign_in(page: Any, site: Site, token: str, path: str) -> None:
    """Open ``path``; when sent to sign-in, sign in with the keyboard and land on ``path``."""
    page.goto(site.base + path)
    if "/login" not in page.url:
        return
    field = page.get_by_label("Access token")
    field.fill(token)
    field.press("Enter")
    page.wait_for_load_state("networkidle")


def page_width(page: Any) -> int:
    """Return the page's scroll width (wider than the viewport means horizontal scrolling)."""
    return int(page.evaluate("document.documentElement.scrollWidth"))
