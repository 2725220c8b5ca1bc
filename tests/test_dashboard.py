"""The dashboard asks the database a fixed number of times, whatever the data size."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from responses.models import Role

from . import factories


def _grow_network(region_count: int, report):
    for _ in range(region_count):
        region = factories.make_region()
        lead = factories.make_member(region, Role.LEAD)
        response = factories.make_response(report, region, author=lead)
        factories.draft(response.sections.get(order=1), "Our view.", author=lead)


def _dashboard_queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("dashboard")).status_code == 200
    return len(queries)


def test_steering_dashboard_costs_the_same_for_9_and_150_forums(client, steering, report):
    _grow_network(9, report)
    small = _dashboard_queries(client, steering)
    _grow_network(141, report)
    factories.make_report(items=40)
    large = _dashboard_queries(client, steering)
    assert small == large == 7


def test_member_dashboard_costs_the_same_as_the_network_grows(client, member, report):
    factories.make_response(report, member.memberships.get().forum, author=member)
    small = _dashboard_queries(client, member)
    _grow_network(20, report)
    factories.make_report(items=40)
    assert _dashboard_queries(client, member) == small == 7
