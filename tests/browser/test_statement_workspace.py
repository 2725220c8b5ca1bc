"""The national drafting workspace in a real browser: "Use this" at the cursor."""

import pytest

from responses.models import Response, Stance
from tests import factories
from tests.realistic import RECOMMENDATION_2

from .conftest import sign_in, visit

pytestmark = pytest.mark.django_db(transaction=True)


def test_use_this_inserts_at_the_cursor_with_script(live_server, new_page):
    national = factories.make_national()
    steering = factories.make_member(national, "steering", username="steering")
    report = factories.make_report(items=1)
    item = report.items.get()
    london = factories.make_response(report, factories.make_region("London"))
    stance, text = RECOMMENDATION_2["London"]
    factories.draft(london.sections.get(item=item), text, stance)
    page = new_page()

    sign_in(page, live_server, steering.username, factories.PASSWORD)
    page.goto(f"{live_server.url}/reports/{report.slug}/statement/items/{item.pk}/")
    visit(page, "statement-workspace")
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
    visit(page, "statement-workspace-after-use")
