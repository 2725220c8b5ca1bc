"""The national drafting workspace in a real browser: "Use this" at the cursor."""

import os
import shutil

import pytest
from django.db import connections

from responses.models import Response, Stance

from . import factories
from .realistic import RECOMMENDATION_2

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason="Debian's Chromium is installed by `make setup`"
)


@pytest.fixture
def browser_page(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the test's own database
    # calls are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        yield page
        browser.close()
        # Database connections opened while Playwright's loop runs belong to its
        # context, not to the test's: close them here, or the database stays in use.
        connections.close_all()


def test_use_this_inserts_at_the_cursor_with_script(live_server, browser_page, transactional_db):
    national = factories.make_national()
    steering = factories.make_member(national, "steering", username="steering")
    report = factories.make_report(items=1)
    item = report.items.get()
    london = factories.make_response(report, factories.make_region("London"))
    stance, text = RECOMMENDATION_2["London"]
    factories.draft(london.sections.get(item=item), text, stance)
    page = browser_page

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", steering.username)
    page.fill("#id_password", factories.PASSWORD)
    page.click("main button[type=submit]")
    page.goto(f"{live_server.url}/reports/{report.slug}/statement/items/{item.pk}/")
    page.select_option("select[name=stance]", Stance.AGREE)
    editor = page.locator("textarea[name=text]")
    editor.fill("Start.\n\nEnd.")
    editor.click()
    page.keyboard.press("Control+Home")
    page.keyboard.press("End")
    london_panel = page.locator("article.region-panel", has_text="London")
    london_panel.get_by_role("button", name="Use this").nth(1).click()
    page.wait_for_url("**caret=*")

    inserted = text.split("\n\n")[1]
    section = Response.objects.get(forum=national).sections.get(item=item)
    assert section.text == f"Start.\n\n{inserted}\n\nEnd."
    assert section.stance == Stance.AGREE
    caret = page.evaluate("document.querySelector('textarea[name=text]').selectionStart")
    assert caret == len(f"Start.\n\n{inserted}")
