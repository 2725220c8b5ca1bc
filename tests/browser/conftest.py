"""Browser journeys: Playwright driving Debian's Chromium against Django's live server.

Every page a journey visits is checked with axe-core (WCAG 2.2 A and AA, plus the
target-size rule) and screenshotted at desktop and 320 px widths into
`test-artefacts/screenshots/`.
"""

import json
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests
# make between page actions are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTEFACTS = Path(settings.BASE_DIR) / "test-artefacts" / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    # Set up after the test database, so it is stopped (its connections closed)
    # before the database is dropped at the end of the run.
    return live_server


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run `make setup` (it installs Debian's chromium).")
    # Database connections belong to the context they were opened in, and Playwright's
    # event loop gives the tests a context of their own: close what each context opened
    # on the way in and out, or PostgreSQL refuses to drop the test database at the end.
    connections.close_all()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        connections.close_all()


@pytest.fixture
def new_page(browser, live_server):
    """Open a fresh browser context (its own cookies) and return a page in it."""
    contexts = []

    def open_page(width: int = 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on("dialog", _fail_on_dialog)
        return page

    yield open_page
    for context in contexts:
        context.close()
    connections.close_all()  # see browser()


def _fail_on_dialog(dialog):
    message = dialog.message
    dialog.dismiss()
    pytest.fail(f"A dialog opened in the browser: {message!r}")


def sign_in(page, live_server, username: str, password: str):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def check_accessibility(page, state: str, *, allowed: dict[str, str] | None = None):
    """Run axe-core on the page as it is now; fail on any violation.

    `allowed` maps an axe rule id to the written reason it may be broken here.
    """
    # Loaded from the app's own static files: the CSP forbids inline script.
    origin = page.evaluate("location.origin")
    page.add_script_tag(url=f"{origin}/static/vendor/axe/axe.min.js")
    result = page.evaluate(
        """async (tags) => await axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            rules: {'target-size': {enabled: true}},
        })""",
        AXE_TAGS,
    )
    allowed = allowed or {}
    violations = [v for v in result["violations"] if v["id"] not in allowed]
    summary = [
        {"rule": v["id"], "help": v["help"], "targets": [n["target"] for n in v["nodes"]][:5]}
        for v in violations
    ]
    assert not violations, f"axe found violations on {state}:\n{json.dumps(summary, indent=2)}"


# The main navigation's links, buttons and signed-in name that break over more than
# one line.
WRAPPED_NAVIGATION = """() => [...document.querySelectorAll(
        'nav[aria-label=Main] :is(.nav-link, .btn, .user-line strong)')]
    .filter(el => el.offsetParent !== null)
    .filter(el => {
        const text = document.createRange();
        text.selectNodeContents(el);
        return new Set([...text.getClientRects()].map(line => Math.round(line.top))).size > 1;
    })
    .map(el => el.textContent.trim())"""


def screenshot(page, name: str):
    """Save the page at desktop and 320 px widths; fail if the page scrolls sideways, or
    if a link of the main navigation, or the signed-in name, breaks over two lines
    (1200 px is the narrowest width at which it is laid out in a row)."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    for width in (1280, 1200, 320):
        page.set_viewport_size({"width": width, "height": 900})
        if width != 1200:
            page.screenshot(path=str(ARTEFACTS / f"{name}-{width}.png"), full_page=True)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
        wrapped = page.evaluate(WRAPPED_NAVIGATION)
        assert not wrapped, f"{name} at {width}px: navigation breaks over two lines: {wrapped}"
    page.set_viewport_size(original)


def visit(page, name: str, **axe_options):
    """What every journey step does on arrival: screenshot, then the axe check."""
    screenshot(page, name)
    check_accessibility(page, name, **axe_options)
