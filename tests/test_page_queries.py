"""Every page people use asks the database the same number of times for a network of
9 forums below the nation as for one of 150: the pages the page benchmark measures,
each for the person who uses it."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from responses.comments import add_comment
from responses.models import Forum, ForumKind, Role, Stance

from . import factories


def _forum_with_response(report, forum):
    """A forum with its lead and a member, its response started and one item drafted
    twice and commented on."""
    lead = factories.make_member(forum, Role.LEAD)
    member = factories.make_member(forum, Role.MEMBER)
    response = factories.make_response(report, forum, author=lead)
    section = response.sections.get(order=1)
    factories.draft(section, f"What {forum.name} families told us.", Stance.AGREE, author=lead)
    factories.draft(section, f"What {forum.name} families said.", Stance.DISAGREE, author=member)
    add_comment(section=section, body="Can we add an example?", actor=member)
    return response, lead, member


def _grow(report, regions, count: int):
    """`count` more local forums, spread over the regions, each with its response."""
    for n in range(count):
        local = factories.make_local(regions[n % len(regions)])
        _forum_with_response(report, local)


@pytest.fixture
def network(db, national, admin_user):
    """The nation, 8 regions and one local forum under the first (9 forums below the
    nation), every one with a response; the statement drafted, approved and
    published."""
    report = factories.make_report(items=3)
    regions = [factories.make_region() for _ in range(8)]
    responses, people = {}, {}
    for forum in regions[:1]:
        responses["region"], people["region lead"], _ = _forum_with_response(report, forum)
    for forum in regions[1:]:
        _forum_with_response(report, forum)
    local = factories.make_local(regions[0])
    responses["local"], _, people["local member"] = _forum_with_response(report, local)
    steering = factories.make_member(national, Role.STEERING)
    second = factories.make_member(national, Role.STEERING)
    responses["national"] = factories.make_response(report, national, author=steering)
    factories.publish(responses["national"], approvers=[steering, second])
    people.update({"steering": steering, "admin": admin_user})
    return report, regions, responses, people


def _pages(report, regions, responses) -> list[tuple[str, str, str | None]]:
    """(page, address, who asks for it): the page benchmark's list."""
    item = report.items.order_by("order").first()
    region, national = regions[0].slug, "national"
    history = responses["local"].sections.get(order=1)

    def workspace(forum):
        return reverse("workspace_item", args=[report.slug, forum, item.pk])

    def positions(forum):
        return reverse("positions_matrix", args=[report.slug, forum])

    return [
        ("dashboard", reverse("dashboard"), "steering"),
        ("dashboard", reverse("dashboard"), "admin"),
        ("dashboard", reverse("dashboard"), "region lead"),
        ("dashboard", reverse("dashboard"), "local member"),
        ("report page", report.get_absolute_url(), "region lead"),
        ("local response", responses["local"].get_absolute_url(), "local member"),
        ("region response", responses["region"].get_absolute_url(), "region lead"),
        ("the statement", responses["national"].get_absolute_url(), "steering"),
        ("region workspace", workspace(region), "region lead"),
        ("national workspace", workspace(national), "steering"),
        (
            "region positions",
            reverse("positions_matrix", args=[report.slug, region]),
            "region lead",
        ),
        (
            "national positions",
            reverse("positions_matrix", args=[report.slug, national]),
            "steering",
        ),
        ("overview", reverse("statement_overview", args=[report.slug]), "steering"),
        ("history", reverse("section_history", args=[history.pk]), "local member"),
        ("the record", reverse("audit_log"), "steering"),
        ("public statement", reverse("statement_latest", args=[report.slug]), None),
        ("public index", reverse("statement_index"), None),
        ("search", f"{reverse('search')}?q=families", "steering"),
        ("search", f"{reverse('search')}?q=families&level=local", "local member"),
        ("public search", f"{reverse('statement_index')}?q=view", None),
    ]


def _queries(pages, people) -> dict[tuple[str, str | None], int]:
    counts = {}
    for label, url, who in pages:
        client = Client()
        if who:
            client.force_login(people[who])
        assert client.get(url).status_code == 200, (label, who)  # also keeps new texts' HTML
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, (label, who)
        counts[(label, who)] = len(queries)
    return counts


def test_every_page_costs_the_same_queries_for_9_and_150_forums(network):
    report, regions, responses, people = network
    pages = _pages(report, regions, responses)
    assert Forum.objects.exclude(kind=ForumKind.NATIONAL).count() == 9
    small = _queries(pages, people)
    _grow(report, regions, 141)
    assert Forum.objects.exclude(kind=ForumKind.NATIONAL).count() == 150
    large = _queries(pages, people)
    assert large == small
