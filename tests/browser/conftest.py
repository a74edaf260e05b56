"""Browser-test harness: Playwright drives Debian's Chromium against the live server, and every
page a test loads must pass axe-core (WCAG 2.1 A and AA) and must not scroll sideways before the
test may end. Every test that takes `page` runs twice, on a desktop and on a phone."""

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
DESKTOP = {"width": 1280, "height": 900}
# The narrowest phones still sold; a page that fits here fits every phone.
PHONE = {"width": 360, "height": 800}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
# The innermost elements that stick out past the right edge, to name in a failure.
OVERFLOW_JS = """() => {
  const limit = document.documentElement.clientWidth + 0.5;
  const sticksOut = el => el.getBoundingClientRect().right > limit;
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (sticksOut(el) && ![...el.children].some(sticksOut)) {
      let name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '');
      name += [...el.classList].map(c => '.' + c).join('');
      wide.push(`${name} "${el.textContent.trim().slice(0, 30)}"`);
    }
  }
  const small = [];
  for (const text of document.querySelectorAll('svg text')) {
    const box = text.getBoundingClientRect();
    if (!box.width) continue;  // a drawing for another width, not shown
    const px = parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a;
    if (px < 11.95) small.push(`"${text.textContent}" at ${px.toFixed(1)} px`);
  }
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
          wide: wide.slice(0, 8), small: small.slice(0, 5)};
}"""


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


def assert_fits(page) -> None:
    """The page fits the window's width (wide content scrolls inside its own frame) and the
    text of its charts is drawn at 12 px or more."""
    result = page.evaluate(OVERFLOW_JS)
    if result["scrollWidth"] > result["innerWidth"]:
        pytest.fail(
            f"{page.url} scrolls sideways at {result['innerWidth']} px: it is "
            f"{result['scrollWidth']} px wide. Too wide: {', '.join(result['wide']) or '?'}"
        )
    if result["small"]:
        pytest.fail(f"Chart text under 12 px on {page.url}: {', '.join(result['small'])}")


class AxeTracker:
    """Remembers every page load and which of them were checked by axe and for width."""

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
        assert_fits(self.page)
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


@pytest.fixture(params=list(VIEWPORTS))
def page(request, browser, live_server, transactional_db):
    context, page, tracker = _page(browser, live_server, VIEWPORTS[request.param])
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


def open_menu(page) -> None:
    """On a phone the main menu is folded behind a button: open it."""
    toggler = page.get_by_role("button", name="Visa menyn")
    if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
        toggler.click()


def follow_menu(page, name: str) -> None:
    """Follow a link of the main menu, on a phone too."""
    open_menu(page)
    page.locator("#main-nav").get_by_role("link", name=name, exact=True).click()


def sign_out(page) -> None:
    """Sign out through the main menu, on a phone too."""
    open_menu(page)
    page.locator("#main-nav").get_by_role("button", name="Logga ut").click()
    page.wait_for_load_state("load")
