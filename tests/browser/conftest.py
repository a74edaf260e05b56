"""Browser-test harness: Playwright drives Debian's Chromium against the live server, and every
page a test loads must pass axe-core (WCAG 2.1 A and AA) before the test may end."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 390, "height": 844}


def missing_tools() -> str | None:
    if not CHROMIUM.exists():
        return f"chromium not found at {CHROMIUM}"
    if not AXE_JS.exists():
        return f"axe-core not found at {AXE_JS} (run: npm install)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    browser_items = [item for item in items if here in Path(item.fspath).parents]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    reason = missing_tools()
    if reason is None or not browser_items:
        return
    if os.environ.get("REQUIRE_BROWSER_TESTS"):
        raise pytest.UsageError(f"Browser tests are required but cannot run: {reason}")
    config._browser_skip_reason = reason
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {reason}"))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    reason = getattr(config, "_browser_skip_reason", None)
    if reason:
        terminalreporter.write_line(
            f"BROWSER TESTS SKIPPED: {reason}. Install chromium and run npm install to run them.",
            yellow=True,
        )


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()


class AxeTracker:
    """Remembers every page load and which of them were checked by axe."""

    def __init__(self, page):
        self.page = page
        self.loads: list[str] = []
        self.checked: set[int] = set()
        page.on("load", lambda p: self.loads.append(p.url))

    def check(self) -> None:
        self.page.wait_for_load_state("load")
        self.page.add_script_tag(path=str(AXE_JS))
        result = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        self.checked.add(len(self.loads) - 1)
        violations = result["violations"]
        if violations:
            lines = [f"axe found {len(violations)} violation(s) on {self.page.url}:"]
            for violation in violations:
                targets = ", ".join(str(node["target"]) for node in violation["nodes"][:5])
                lines.append(
                    f"  - {violation['id']} ({violation['impact']}): "
                    f"{violation['help']} -> {targets}"
                )
            pytest.fail("\n".join(lines))

    def unchecked(self) -> list[str]:
        return [url for i, url in enumerate(self.loads) if i not in self.checked]


def _page(browser, live_server, viewport):
    context = browser.new_context(
        base_url=live_server.url, bypass_csp=True, viewport=viewport, locale="sv-SE"
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    tracker = AxeTracker(page)
    page.axe = tracker.check
    return context, page, tracker


@pytest.fixture
def page(browser, live_server, transactional_db):
    context, page, tracker = _page(browser, live_server, {"width": 1280, "height": 900})
    yield page
    context.close()
    unchecked = tracker.unchecked()
    if unchecked:
        pytest.fail(f"Pages loaded without an axe check: {unchecked}")


@pytest.fixture
def phone_page(browser, live_server, transactional_db):
    context, page, tracker = _page(browser, live_server, PHONE)
    yield page
    context.close()
    unchecked = tracker.unchecked()
    if unchecked:
        pytest.fail(f"Pages loaded without an axe check: {unchecked}")


@pytest.fixture
def demo(transactional_db):
    from municipalities import demo

    return demo.load()


def sign_in(page, username: str, password: str) -> None:
    """Sign in through the form; checks the login page with axe on the way."""
    page.goto("/accounts/login/")
    page.axe()
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state("load")
