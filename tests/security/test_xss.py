"""Every payload goes through every place user text appears and stays inert."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from ..pdf_reading import every_byte
from .inert import injected
from .payloads import XSS_PAYLOADS
from .world import build_world

HARMLESS = [f"Plain words number {n}." for n in range(len(XSS_PAYLOADS))]


def test_there_are_at_least_fifty_payloads():
    assert len(set(XSS_PAYLOADS)) >= 50


def _pages(client, world):
    """Every page that shows user text, as the person who may see it."""
    slug = world.report.slug
    item = world.report.items.order_by("order").first()
    section = world.regional.sections.get(order=1)
    steering_pages = {
        "dashboard": reverse("dashboard"),
        "report": reverse("report_detail", args=[slug]),
        "regional response": world.regional.get_absolute_url(),
        "statement": world.statement.get_absolute_url(),
        "section history": reverse("section_history", args=[section.pk]),
        "positions": reverse("positions_matrix", args=[slug, "national"]),
        "workspace": reverse("workspace_item", args=[slug, "national", item.pk]),
        "approvals": reverse("statement_overview", args=[slug]),
        "record": reverse("audit_log"),
    }
    pages = {}
    client.force_login(world.steering)
    for name, url in steering_pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        pages[name] = response.content.decode()
    client.logout()
    pages["public page"] = client.get(reverse("statement_latest", args=[slug])).content.decode()
    return pages


@pytest.mark.django_db(transaction=True)
def test_payloads_add_no_markup_to_any_page(client):
    baseline = _pages(client, build_world(HARMLESS))
    call_command("flush", "--no-input", verbosity=0)
    attacked = _pages(client, build_world(XSS_PAYLOADS))
    problems = {
        name: dict(injected(html, baseline[name]))
        for name, html in attacked.items()
        if injected(html, baseline[name])
    }
    assert problems == {}


@pytest.mark.django_db
def test_payloads_reach_the_pdf_as_text_only(client):
    world = build_world(XSS_PAYLOADS)
    publication = world.statement.publications.get()
    content = every_byte(publication.pdf.read()).lower()
    for action in (b"/javascript", b"/js ", b"/js(", b"/launch", b"/uri (javascript", b"/uri(data"):
        assert action not in content
