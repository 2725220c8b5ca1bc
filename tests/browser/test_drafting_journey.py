"""Two members of one forum drafting the same section at once, in real browsers."""

import re

import pytest
from playwright.sync_api import expect

from responses.models import Response, Revision

from .conftest import sign_in, visit

pytestmark = pytest.mark.django_db(transaction=True)

SAVED = re.compile(r"^Saved at \d\d:\d\d")


def _open(new_page, live_server, username, response):
    from responses.demo import DEMO_PASSWORD

    page = new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    sign_in(page, live_server, username, DEMO_PASSWORD)
    page.get_by_role("heading", name="Dashboard").wait_for()
    page.goto(f"{live_server.url}{response.get_absolute_url()}")
    return page, errors


def test_two_members_draft_one_section_and_lose_nothing(new_page, live_server):
    from responses.demo import load_demo

    load_demo()
    response = Response.objects.get(forum__name="London")
    section = response.sections.get(order=2)
    lead, lead_errors = _open(new_page, live_server, "london.lead", response)
    member, member_errors = _open(new_page, live_server, "london.member", response)
    visit(member, "drafting-page")

    # The member adds a sentence at the end and pauses: autosave.
    member_text = member.locator(f"#text-{section.pk}")
    member_text.click()
    member_text.press("Control+End")
    member_text.press_sequentially(" Member adds this.")
    member_status = member.locator(f"form[data-section='{section.pk}'] .save-status")
    expect(member_status).to_have_text(SAVED)

    # The lead's page still shows the older text; their edit at the start merges.
    lead_text = lead.locator(f"#text-{section.pk}")
    lead_text.click()
    lead_text.press("Control+Home")
    lead_text.press_sequentially("Lead starts. ")
    lead.get_by_role("heading", name="London’s response").click()  # leaves the field
    lead_status = lead.locator(f"form[data-section='{section.pk}'] .save-status")
    expect(lead_status).to_have_text(re.compile("merged with changes by Tom Price"))
    expect(lead_text).to_have_value(re.compile(r"^Lead starts\. .* Member adds this\.$"))
    visit(lead, "drafting-merged")

    # Both change the same words: the second sees both versions side by side.
    member.reload()
    lead.reload()
    member.locator(f"#text-{section.pk}").fill("Member version entirely.")
    member.get_by_role("heading", name="London’s response").click()
    expect(member_status).to_have_text(SAVED)
    lead.locator(f"#text-{section.pk}").fill("Lead version entirely.")
    lead.get_by_role("heading", name="London’s response").click()
    expect(lead.get_by_role("heading", name="Your changes clash with Tom Price’s")).to_be_focused()
    visit(lead, "drafting-conflict")
    assert Revision.objects.filter(section=section, text="Lead version entirely.").exists()

    lead.get_by_role("button", name="Use my version").click()
    expect(lead.locator(f"#text-{section.pk}")).to_have_value("Lead version entirely.")
    section.refresh_from_db()
    assert section.text == "Lead version entirely."

    # The lead submits: first what is still missing, then the response is read-only.
    lead.get_by_role("link", name="Submit this response…").click()
    expect(lead.get_by_role("heading", name="Before you submit")).to_be_visible()
    visit(lead, "submit-checklist")
    lead.get_by_role("button", name="Submit anyway").click()
    expect(lead.get_by_text("Submitted. Members can read it")).to_be_visible()
    member.reload()
    expect(member.locator(f"#text-{section.pk}")).to_have_count(0)
    visit(member, "drafting-submitted")
    assert Response.objects.get(pk=response.pk).is_submitted
    assert lead_errors == [] and member_errors == []


def test_history_page_marks_changes_in_words(new_page, live_server):
    from responses.demo import load_demo

    load_demo()
    response = Response.objects.get(forum__name="London")
    page, errors = _open(new_page, live_server, "london.member", response)
    section = response.sections.get(order=0)
    page.locator(f"#text-{section.pk}").fill("A new introduction.")
    page.get_by_role("heading", name="London’s response").click()
    expect(page.locator(f"form[data-section='{section.pk}'] .save-status")).to_have_text(SAVED)
    page.get_by_role("link", name="History of Introduction").click()
    expect(page.locator(".word-diff ins").first).to_contain_text("new introduction.")
    visit(page, "section-history")
    assert errors == []


def test_words_typed_as_the_connection_drops_survive_a_reload(new_page, live_server):
    """Typed, then the page reloaded while no save could reach the server (neither the
    autosave nor the leaving beacon): the words come back in the box and are saved."""
    from responses.demo import load_demo

    load_demo()
    response = Response.objects.get(forum__name="London")
    section = response.sections.get(order=2)
    member, errors = _open(new_page, live_server, "london.member", response)
    status = member.locator(f"form[data-section='{section.pk}'] .save-status")
    box = member.locator(f"#text-{section.pk}")
    box.click()
    box.press("Control+End")
    box.press_sequentially(" Saved first.")
    expect(status).to_have_text(SAVED)

    member.context.route("**/save/", lambda route: route.abort())
    box.press_sequentially(" Typed as the connection dropped.")
    expect(status).to_have_text("Changes not saved yet")
    member.reload()
    member.context.unroute("**/save/")

    box = member.locator(f"#text-{section.pk}")
    expect(box).to_have_value(re.compile(r"Saved first\. Typed as the connection dropped\.$"))
    expect(status).to_have_text(SAVED)
    visit(member, "drafting-put-back")
    latest = Response.objects.get(pk=response.pk).sections.get(pk=section.pk).latest_revision
    assert latest.text.endswith("Saved first. Typed as the connection dropped.")
    assert not [error for error in errors if "ERR_FAILED" not in error]  # but the cut save
