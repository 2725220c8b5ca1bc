"""Page states the journeys do not pass through: refused saves, a failed save retried,
not allowed, and the report import. The conflict screen and the history diff are in
test_drafting_journey, the approval overview's earlier-version diff and the published
page in test_steering_journey, the 404 page in test_foundation_pages."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from responses.drafting import MAX_WORDS
from responses.models import Role
from tests import factories

from .conftest import sign_in, visit

pytestmark = pytest.mark.django_db(transaction=True)

TOO_LONG = "word " * (MAX_WORDS + 1)


def _member_on_response(new_page, live_server):
    london = factories.make_region("London")
    member = factories.make_member(london, Role.MEMBER)
    response = factories.make_response(factories.make_report(items=1), london)
    page = new_page()
    sign_in(page, live_server, member.username, factories.PASSWORD)
    page.goto(f"{live_server.url}{response.get_absolute_url()}")
    return page, response.sections.get(order=1)


def test_a_long_reports_contents_stay_within_the_window_and_every_link_in_reach(
    new_page, live_server
):
    """A report of 20 items on a 1280 x 700 window, read from half-way down: the
    contents beside the sections fit the window, and the last link, reached by
    keyboard, is in view."""
    london = factories.make_region("London")
    member = factories.make_member(london, Role.MEMBER)
    response = factories.make_response(factories.make_report(items=20), london)
    page = new_page()
    page.set_viewport_size({"width": 1280, "height": 700})
    sign_in(page, live_server, member.username, factories.PASSWORD)
    page.goto(f"{live_server.url}{response.get_absolute_url()}")
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
    contents = page.locator("nav.contents-list")
    box = contents.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 700, box
    last = contents.get_by_role("link").last
    last.focus()
    link = last.bounding_box()
    assert link["y"] >= 0 and link["y"] + link["height"] <= 700, link
    visit(page, "drafting-long-contents")


def test_a_refused_autosave_is_an_alert_and_the_status_stays_polite(new_page, live_server):
    page, section = _member_on_response(new_page, live_server)
    form = page.locator(f"form[data-section='{section.pk}']")
    expect(form.locator(".save-status")).to_have_attribute("aria-live", "polite")
    expect(form.get_by_role("alert")).to_be_hidden()

    page.locator(f"#text-{section.pk}").fill(TOO_LONG)
    page.locator(f"#heading-{section.pk}").click()  # leaving the field saves it
    expect(form.get_by_role("alert")).to_contain_text(f"over {MAX_WORDS:,} words")
    expect(form.locator(".word-count")).to_contain_text("over the limit")
    visit(page, "drafting-refused")

    # Cut back under the limit: saved, and the alert is gone.
    page.locator(f"#text-{section.pk}").fill("Short again.")
    page.locator(f"#heading-{section.pk}").click()
    expect(form.locator(".save-status")).to_contain_text("Saved at")
    expect(form.get_by_role("alert")).to_be_hidden()
    assert section.revisions.get().text == "Short again."


def test_a_failed_autosave_is_retried_until_the_server_has_the_text(new_page, live_server):
    page, section = _member_on_response(new_page, live_server)
    form = page.locator(f"form[data-section='{section.pk}']")
    failed = []

    def fail_the_first_save(route):
        if failed:
            route.continue_()
        else:
            failed.append(route.request.post_data)
            route.fulfill(status=500, body="")

    page.route("**/save/", fail_the_first_save)
    page.locator(f"#text-{section.pk}").fill("Kept through a failed save.")
    page.locator(f"#heading-{section.pk}").click()  # leaving the field saves it
    expect(form).to_have_attribute("data-save-state", "retrying")
    expect(form.locator(".save-status")).to_have_text(
        "Not saved: retrying (the server had a problem)"
    )

    # Nobody does anything: the retry stores the text.
    expect(form).to_have_attribute("data-save-state", "saved", timeout=10_000)
    expect(form.locator(".save-status")).to_have_text(re.compile(r"^Saved at \d\d:\d\d$"))
    assert len(failed) == 1
    assert section.revisions.get().text == "Kept through a failed save."


def test_a_refused_save_without_script_shows_an_alert_and_keeps_the_text(new_page, live_server):
    page, section = _member_on_response(new_page, live_server)
    page.locator(f"#text-{section.pk}").fill(TOO_LONG)
    # What the Save button does when the page's script is not running: a plain POST.
    page.locator(f"form[data-section='{section.pk}']").evaluate("form => form.submit()")
    page.get_by_role("heading", name="Not saved yet").wait_for()
    expect(page.get_by_role("alert")).to_contain_text(f"over {MAX_WORDS:,} words")
    expect(page.locator(f"#text-{section.pk}")).to_have_value(TOO_LONG)
    visit(page, "section-refused-without-script")
    assert not section.revisions.exists()


def test_forbidden_page_with_debug_off(new_page, live_server, settings):
    settings.DEBUG = False
    member = factories.make_member(factories.make_region(), Role.MEMBER)
    page = new_page()
    sign_in(page, live_server, member.username, factories.PASSWORD)
    page.get_by_role("heading", name="Dashboard").wait_for()
    reply = page.goto(f"{live_server.url}{reverse('import_start')}")
    assert reply.status == 403
    expect(page.get_by_role("heading", name="You cannot do that here")).to_be_visible()
    visit(page, "forbidden")


def test_importing_a_pasted_report_up_to_its_preview(new_page, live_server):
    steering = factories.make_member(factories.make_national(), Role.STEERING)
    page = new_page()
    sign_in(page, live_server, steering.username, factories.PASSWORD)
    page.get_by_role("link", name="Import a report").click()
    page.get_by_role("heading", name="Import a report").wait_for()
    visit(page, "import-start")

    page.get_by_role("button", name="Read the report").click()
    expect(page.get_by_role("alert")).to_contain_text("Upload the report's file or paste its text.")
    visit(page, "import-start-with-error")

    page.get_by_label("Or paste its text").fill(factories.SAMPLE_REPORT_TEXT)
    page.get_by_role("button", name="Read the report").click()
    expect(page.get_by_text("Set a national vision for SEND.")).to_be_visible()
    visit(page, "import-preview")

    # The details typed at the foot survive a visit to an item's own page.
    page.get_by_label("Publisher").fill("LGA, CCN and ISOS Partnership")
    page.get_by_role("button", name=re.compile(r"^Rename.*Recommendation 1:")).click()
    page.get_by_role("heading", name="Recommendation 1: Vision and guiding principles").wait_for()
    visit(page, "import-item")
    page.go_back()
    page.reload()
    expect(page.get_by_label("Publisher")).to_have_value("LGA, CCN and ISOS Partnership")
