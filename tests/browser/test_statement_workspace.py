"""The national drafting workspace in a real browser: the shared editor autosaves,
and "Use this" inserts at the cursor without losing what was typed."""

import re

import pytest
from playwright.sync_api import expect

from responses.models import Response, Stance
from tests import factories
from tests.realistic import RECOMMENDATION_2

from .conftest import sign_in, visit

pytestmark = pytest.mark.django_db(transaction=True)

SAVED = re.compile(r"^Saved at \d\d:\d\d")


def _workspace(live_server, new_page):
    national = factories.make_national()
    steering = factories.make_member(national, "steering", username="steering")
    report = factories.make_report(items=1)
    item = report.items.get()
    london = factories.make_response(report, factories.make_region("London"))
    stance, text = RECOMMENDATION_2["London"]
    factories.draft(london.sections.get(item=item), text, stance)
    page = new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    sign_in(page, live_server, steering.username, factories.PASSWORD)
    page.get_by_role("heading", name="Dashboard").wait_for()
    page.goto(f"{live_server.url}/reports/{report.slug}/forums/national/items/{item.pk}/")
    return page, errors, national, item, text


def _national_section(national, item):
    return Response.objects.get(forum=national).sections.get(item=item)


def test_text_typed_in_the_workspace_autosaves(live_server, new_page):
    page, errors, national, item, _text = _workspace(live_server, new_page)
    visit(page, "statement-workspace-not-started")
    page.get_by_role("button", name="Start drafting this section").click()
    editor = page.locator("#forum-editor-form textarea[name=text]")
    editor.click()
    editor.press_sequentially("The network agrees with this recommendation.")
    expect(page.locator("#forum-editor-form .save-status")).to_have_text(SAVED)
    visit(page, "statement-workspace-autosaved")

    page.reload()
    expect(editor).to_have_value("The network agrees with this recommendation.")
    section = _national_section(national, item)
    assert section.text == "The network agrees with this recommendation."
    assert errors == []


def test_use_this_inserts_at_the_cursor_keeping_unsaved_text(live_server, new_page):
    page, errors, national, item, text = _workspace(live_server, new_page)
    page.get_by_role("button", name="Start drafting this section").click()
    visit(page, "statement-workspace")
    # The autosave of the position is held on its way while "Use this" is pressed:
    # the insert waits for it, then posts the text typed since and the new base.
    held = []
    page.route("**/sections/*/save/", lambda route: held.append(route))
    page.get_by_label("Agrees", exact=True).check()
    editor = page.locator("textarea[name=text]")
    editor.fill("Start.\n\nEnd.")  # no pause: "Use this" carries it, not the autosave
    editor.click()
    page.keyboard.press("Control+Home")
    page.keyboard.press("End")
    london_panel = page.locator("article.region-panel", has_text="London")
    london_panel.get_by_role("button", name="Use this").nth(1).click()
    expect(page.locator("#forum-editor-form .save-status")).to_have_text("Saving…")
    assert len(held) == 1
    held[0].continue_()
    page.unroute("**/sections/*/save/")
    page.wait_for_url("**caret=*")

    inserted = text.split("\n\n")[1]
    section = _national_section(national, item)
    assert section.text == f"Start.\n\n{inserted}\n\nEnd."
    assert section.stance == Stance.AGREE
    assert section.latest_revision.provenance.count() == 1
    caret = page.evaluate("document.querySelector('textarea[name=text]').selectionStart")
    assert caret == len(f"Start.\n\n{inserted}")
    expect(editor).to_have_value(section.text)
    expect(editor).to_be_focused()
    visit(page, "statement-workspace-after-use")
    assert errors == []
