"""The steering group's journey: from the regions' positions to the published statement
and its PDF, with two steering members approving and an anonymous reader."""

import re
import time

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from responses.models import Response, Role, SectionKind, Stance
from tests import factories
from tests.pdf_reading import page_texts
from tests.realistic import RECOMMENDATION_2

from .conftest import sign_in, visit

pytestmark = pytest.mark.django_db(transaction=True)

SAVED = re.compile(r"^Saved at \d\d:\d\d")
NATIONAL_OPENING = "The network speaks with one voice on this recommendation."
INTRODUCTION = "Parent carers from every region wrote this statement together."
CONCLUSION = "We ask to help write what comes next."
SHARPENED = "We ask to help write what comes next, from the start."


def _report_with_regional_text():
    """Two items, and two regions that have written about both."""
    report = factories.make_report(items=2)
    for region in ("London", "North West"):
        response = factories.make_response(report, factories.make_region(region))
        stance, text = RECOMMENDATION_2[region]
        for section in response.sections.filter(item__isnull=False):
            factories.draft(section, text, stance)
    return report


def _steering_page(new_page, live_server, username):
    page = new_page()
    sign_in(page, live_server, username, factories.PASSWORD)
    page.get_by_role("heading", name="Dashboard").wait_for()
    return page


def _write(page, section, text):
    """Type into a section of the shared editor and wait for the autosave."""
    page.locator(f"#text-{section.pk}").fill(text)
    page.locator(f"#heading-{section.pk}").click()  # leaving the field saves it
    expect(page.locator(f"form[data-section='{section.pk}'] .save-status")).to_have_text(SAVED)


def _wait_until_stored(section, opening, stance, seconds=10):
    """The autosave has reached the database: the latest revision has the text."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        section.refresh_from_db()
        latest = section.latest_revision
        if latest and latest.text.startswith(opening) and latest.stance == stance:
            return
        time.sleep(0.1)
    pytest.fail(f"The national section was not saved: {section.text[:80]!r}")


def _approve_every_section(page, live_server, report):
    page.goto(f"{live_server.url}{reverse('statement_overview', args=[report.slug])}")
    while page.get_by_role("button", name=re.compile("^Approve this text")).count():
        page.get_by_role("button", name=re.compile("^Approve this text")).first.click()
        page.get_by_text(re.compile("^You approved")).wait_for()


def test_steering_members_assemble_approve_and_publish_the_statement(new_page, live_server):
    national = factories.make_national()
    for username, name in (("steering.aisha", "Aisha"), ("steering.ben", "Ben")):
        factories.make_member(national, Role.STEERING, username=username, first_name=name)
    report = _report_with_regional_text()
    first_item = report.items.get(number="1")
    aisha = _steering_page(new_page, live_server, "steering.aisha")

    # The matrix, then the first item's workspace: assemble, edit, save.
    aisha.goto(f"{live_server.url}{reverse('positions_matrix', args=[report.slug, 'national'])}")
    visit(aisha, "positions-matrix")
    aisha.get_by_role("link", name=first_item.heading).first.click()
    aisha.get_by_role("heading", name="The national statement").wait_for()
    visit(aisha, "statement-workspace-empty")
    aisha.get_by_role("button", name="Assemble a starting draft").click()
    aisha.get_by_text("A starting draft was assembled").wait_for()
    statement = Response.objects.get(report=report, forum=national)
    first_section = statement.sections.get(item=first_item)
    editor = aisha.locator(f"#text-{first_section.pk}")
    assembled = editor.input_value()
    assert "consistency between" in assembled
    visit(aisha, "statement-workspace-assembled")
    aisha.get_by_label("Agrees with concerns").check()
    editor.fill(f"{NATIONAL_OPENING}\n\n{assembled}")
    aisha.get_by_role("heading", name="The national statement").click()  # leaving saves
    status = aisha.locator(f"form[data-section='{first_section.pk}'] .save-status")
    expect(status).to_have_text(SAVED)
    _wait_until_stored(first_section, NATIONAL_OPENING, Stance.AGREE_WITH_CONCERNS)
    visit(aisha, "statement-workspace-saved")

    # The second item: back through the matrix, assembled as it comes.
    aisha.get_by_role("link", name="Positions").click()
    aisha.get_by_role("link", name=report.items.get(number="2").heading).first.click()
    aisha.get_by_role("button", name="Assemble a starting draft").click()
    aisha.get_by_text("A starting draft was assembled").wait_for()

    # The introduction and conclusion, in the shared section editor.
    introduction = statement.sections.get(kind=SectionKind.INTRODUCTION)
    conclusion = statement.sections.get(kind=SectionKind.CONCLUSION)
    aisha.goto(f"{live_server.url}{reverse('statement_overview', args=[report.slug])}")
    expect(aisha.get_by_text("Nothing drafted yet: there is nothing to approve.")).to_have_count(2)
    visit(aisha, "approval-overview-drafting")
    aisha.get_by_role("link", name="Open the statement to edit it").click()
    aisha.get_by_role("heading", name="The national statement").wait_for()
    visit(aisha, "statement-response")
    _write(aisha, introduction, INTRODUCTION)
    _write(aisha, conclusion, CONCLUSION)
    _approve_every_section(aisha, live_server, report)

    # Ben sharpens the conclusion: Aisha's approval was of the earlier version.
    ben = _steering_page(new_page, live_server, "steering.ben")
    ben.goto(f"{live_server.url}{statement.get_absolute_url()}")
    _write(ben, conclusion, SHARPENED)
    ben.goto(f"{live_server.url}{reverse('statement_overview', args=[report.slug])}")
    changed = ben.locator(f"#approval-{conclusion.pk} .alert")
    expect(changed).to_contain_text("Approved by Aisha for an earlier version")
    expect(changed.locator(".word-diff ins")).to_contain_text("next, from the start.")
    visit(ben, "approval-overview-earlier-version")
    _approve_every_section(ben, live_server, report)
    _approve_every_section(aisha, live_server, report)

    ben.reload()
    expect(ben.get_by_text("Every section is approved.")).to_be_visible()
    visit(ben, "approval-overview-approved")
    ben.get_by_role("button", name="Publish the statement").click()
    ben.get_by_text("Published: Version 1.").wait_for()

    # Ben looks for what every forum wrote on a subject, from the navigation's search.
    ben.get_by_role("searchbox", name="Search", exact=True).fill("every region")
    ben.get_by_role("searchbox", name="Search", exact=True).press("Enter")
    expect(ben.locator(".search-summary")).to_contain_text("with “every region”")
    expect(ben.locator(".search-hits mark").first).to_be_visible()
    visit(ben, "search-results")

    # An anonymous reader: the public index, the statement's page and its PDF.
    reader = new_page()
    reader.goto(f"{live_server.url}{reverse('statement_index')}")
    expect(reader.get_by_text("Version 1, published")).to_be_visible()
    visit(reader, "statement-index")
    reader.get_by_label("Search the statements for").fill("one voice")
    reader.get_by_label("Search the statements for").press("Enter")
    expect(reader.locator(".search-summary")).to_contain_text("1 place with “one voice”")
    visit(reader, "statement-search")
    reader.get_by_role("link", name=f"Our response to {report.title}", exact=True).click()
    expect(reader.get_by_role("heading", level=1)).to_contain_text(report.title)
    expect(reader.get_by_text(NATIONAL_OPENING)).to_be_visible()
    visit(reader, "statement-published")
    with reader.expect_download() as download:
        reader.get_by_role("link", name=re.compile("^Download the PDF")).click()
    text = re.sub(r"\s+", " ", " ".join(page_texts(download.value.path().read_bytes())))
    for approved in (NATIONAL_OPENING, INTRODUCTION, SHARPENED):
        assert approved in text
    assert "DRAFT" not in text
