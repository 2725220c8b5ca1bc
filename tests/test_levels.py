"""Three levels, one mechanism: local forums under their region, the region drafting
from them as the national network drafts from the regions."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from responses import merging, permissions, provenance, workspace
from responses.models import AuditEvent, Forum, ForumKind, Provenance, Role, Stance

from . import factories


@pytest.fixture
def camden(region):
    return factories.make_local(region, "Camden")


@pytest.fixture
def hackney(region):
    return factories.make_local(region, "Hackney")


@pytest.fixture
def local_member(camden):
    return factories.make_member(camden, Role.MEMBER, username="camden.member")


def _item(report):
    return report.items.order_by("order").first()


def _draft_local(report, forum, text, stance=Stance.AGREE):
    response = factories.make_response(report, forum)
    return factories.draft(response.sections.get(item=_item(report)), text, stance)


def _workspace_url(report, forum, name="workspace_item"):
    kwargs = {"slug": report.slug, "forum_slug": forum.slug, "item_pk": _item(report).pk}
    return reverse(name, kwargs=kwargs)


# The tree ------------------------------------------------------------------------


def test_a_local_forum_sits_under_a_region(national, region):
    Forum(name="Camden", slug="camden", kind=ForumKind.LOCAL, parent=region).full_clean()
    with pytest.raises(ValidationError, match="sits under a region"):
        Forum(name="Wrong", slug="wrong", kind=ForumKind.LOCAL, parent=national).full_clean()
    assert region.drafts_from_below and region.below_word == "local forums"
    assert national.below_word == "regions"
    assert not factories.make_local(region).drafts_from_below


def test_a_local_forum_drafts_and_submits_as_a_region_does(report, camden, local_member):
    from responses.drafting import submit_response

    lead = factories.make_member(camden, Role.LEAD, username="camden.lead")
    response = factories.make_response(report, camden, author=local_member)
    assert permissions.can_edit_response(local_member, response)
    factories.draft(response.sections.get(order=1), "Camden's view.", author=local_member)
    assert not permissions.can_submit_response(local_member, response)
    submit_response(response=response, actor=lead)
    assert AuditEvent.objects.filter(verb="response.submitted", target_id=response.pk).exists()


def test_region_people_read_their_local_forums_and_draft_only_their_own(
    report, region, member, lead, camden, local_member, other_member, regional_response
):
    local = factories.make_response(report, camden, author=local_member)
    for reader in (member, lead):
        assert permissions.can_view_response(reader, local)
        assert not permissions.can_edit_response(reader, local)
        assert not permissions.can_comment(reader, local)
    assert not permissions.can_view_response(other_member, local)
    # Reading up is another matter (the local forum does not see its region's draft).
    assert not permissions.can_view_response(local_member, regional_response)
    assert permissions.can_see_positions(member, region)
    assert not permissions.can_see_positions(local_member, region)
    assert not permissions.can_see_positions(member, camden)


# The region's workspace ----------------------------------------------------------


def test_a_region_assembles_its_text_from_its_local_forums(
    client, report, region, member, camden, hackney
):
    _draft_local(report, camden, "Families want a vision written with them.")
    _draft_local(report, hackney, "Schools need trained staff first.", Stance.DISAGREE)
    client.force_login(member)
    result = client.post(_workspace_url(report, region, "workspace_item_assemble"))
    assert result.status_code == 302
    section = region.responses.get(report=report).sections.get(item=_item(report))
    assert section.text.startswith("One of the two local forums agrees")
    assert "Families want a vision written with them." in section.text
    rows = Provenance.objects.filter(revision=section.latest_revision)
    assert {row.source_revision.section.response.forum for row in rows} == {camden, hackney}
    event = AuditEvent.objects.get(verb="response.assembled")
    assert event.data["forums"] == 2
    page = client.get(result.url).content.decode()
    assert '<h2 class="h4" id="forum-editor" tabindex="-1">London’s response</h2>' in page
    assert "What the local forums said" in page
    assert "Showing 2 of 2 local forums." in page
    assert "From Camden" in page


def test_use_this_takes_only_a_paragraph_from_one_level_below(
    report, national, region, other_region, member, steering, camden
):
    local = _draft_local(report, camden, "Camden's point.")
    elsewhere = factories.make_response(report, other_region)
    regional = factories.draft(elsewhere.sections.get(item=_item(report)), "North West's.")
    item = _item(report)
    point = workspace.source_paragraph(
        report=report, forum=region, item=item, revision_id=local.pk, index=0
    )
    revision, _caret = workspace.use_paragraph(
        report=report, forum=region, item=item, point=point, text="", stance="",
        cursor=None, base_revision_id=None, actor=member,
    )  # fmt: skip
    assert revision.text == "Camden's point."
    assert AuditEvent.objects.filter(verb="response.paragraph_used").count() == 1
    # Another region's text is not one level below London; a local forum's text is not
    # one level below the national network.
    with pytest.raises(merging.UnknownParagraph):
        workspace.source_paragraph(
            report=report, forum=region, item=item, revision_id=regional.pk, index=0
        )
    with pytest.raises(merging.UnknownParagraph):
        workspace.source_paragraph(
            report=report, forum=national, item=item, revision_id=local.pk, index=0
        )


def test_the_national_workspace_shows_the_local_forums_behind_a_regional_point(
    client, report, national, region, member, steering, camden, hackney
):
    _draft_local(report, camden, "Families want a vision written with them, every time.")
    _draft_local(report, hackney, "Families want a vision written with them, each year.")
    workspace.assemble_starting_draft(
        report=report, forum=region, item=_item(report), base_revision_id=None, actor=member
    )
    client.force_login(steering)
    page = client.get(_workspace_url(report, national)).content.decode()
    assert "What the regions said" in page
    assert "From Camden, Hackney" in page
    # Provenance reads credit the local forums on the region's section.
    section = region.responses.get(report=report).sections.get(item=_item(report))
    credited = provenance.paragraph_sources([section.latest_revision])[section.pk]
    assert [forum.name for forum in credited[1].forums] == ["Camden", "Hackney"]


def test_region_people_draft_only_their_regions_workspace(
    client, report, national, region, other_region, member, other_member, camden
):
    client.force_login(member)
    assert client.get(_workspace_url(report, region)).status_code == 200
    assert client.get(_workspace_url(report, national)).status_code == 403
    assert client.get(_workspace_url(report, camden)).status_code == 404
    client.force_login(other_member)
    assert client.get(_workspace_url(report, region)).status_code == 403
    assert client.post(_workspace_url(report, region, "workspace_item_assemble")).status_code == 403


# The matrix rolls up -------------------------------------------------------------


def _matrix(report, forum, **query):
    return reverse("positions_matrix", args=[report.slug, forum.slug]), query


def test_the_national_matrix_opens_a_region_to_its_local_forums(
    client, report, national, region, other_region, steering, camden, hackney
):
    _draft_local(report, camden, "Camden agrees.")
    client.force_login(steering)
    url = reverse("positions_matrix", args=[report.slug, national.slug])
    closed = client.get(url).content.decode()
    assert "Show its 2 local forums" in closed and "Camden" not in closed
    assert "“Show its local forums” lists" in closed
    opened = client.get(url, {"open": region.slug}).content.decode()
    assert 'id="row-local-' in opened and "Camden" in opened and "Hackney" in opened
    assert "Hide its local forums" in opened
    rows = [f'id="row-{slug}"' for slug in (region.slug, camden.slug, other_region.slug)]
    assert opened.index(rows[0]) < opened.index(rows[1]) < opened.index(rows[2])
    # The tally counts the regions, not their local forums.
    assert "How many regions hold each position" in opened


def test_a_region_lead_sees_its_local_forums_by_items(client, report, region, lead, camden):
    _draft_local(report, camden, "Camden agrees.", Stance.AGREE_WITH_CONCERNS)
    client.force_login(lead)
    page = client.get(reverse("positions_matrix", args=[report.slug, region.slug]))
    text = page.content.decode()
    assert "London’s local forums" in text and "Agrees with concerns" in text
    assert "How many local forums hold each position" in text
    assert _workspace_url(report, region) in text


def _grow(report, regions, locals_per_region):
    for n in range(regions):
        region = factories.make_region()
        response = factories.make_response(report, region)
        factories.draft(response.sections.get(order=1), f"Region {n}.")
        for m in range(locals_per_region):
            _draft_local(report, factories.make_local(region), f"Local {n}.{m}.")


def _queries(client, url, query=None) -> int:
    client.get(url, query)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, query).status_code == 200
    return len(queries)


def test_matrix_dashboard_and_workspace_cost_the_same_with_1_and_150_local_forums(
    client, report, national, steering
):
    client.force_login(steering)
    _grow(report, 8, 0)
    first = factories.make_region("Aardvark")  # first in the table: nine regions
    pages = {
        "matrix": (reverse("positions_matrix", args=[report.slug, national.slug]), None),
        "opened": (
            reverse("positions_matrix", args=[report.slug, national.slug]),
            {"open": first.slug},
        ),
        "workspace": (_workspace_url(report, national), None),
        "region workspace": (_workspace_url(report, first), None),
        "dashboard": (reverse("dashboard"), None),
    }
    _draft_local(report, factories.make_local(first), "A first local view.")
    small = {name: _queries(client, url, query) for name, (url, query) in pages.items()}
    for _ in range(21):
        _draft_local(report, factories.make_local(first), "Another local view.")
    for region in Forum.objects.filter(kind=ForumKind.REGION).exclude(pk=first.pk)[:8]:
        for _ in range(16):
            _draft_local(report, factories.make_local(region), "A local view.")
    factories.make_report(items=40)
    assert Forum.objects.filter(kind=ForumKind.LOCAL).count() == 1 + 21 + 8 * 16 == 150
    large = {name: _queries(client, url, query) for name, (url, query) in pages.items()}
    assert small == large


# The dashboard shows each level ----------------------------------------------------


def test_steering_dashboard_shows_progress_level_by_level(
    client, report, region, other_region, steering, camden, hackney
):
    from responses.drafting import submit_response

    local = factories.make_response(report, camden)
    submit_response(response=local, actor=factories.make_user(staff=True))
    factories.make_response(report, hackney)
    factories.make_response(report, region)
    client.force_login(steering)
    page = client.get(reverse("dashboard")).content.decode()
    assert "<strong>Regions:</strong> 0 of 2 submitted, 1 drafting, 1 not started" in page
    assert "<strong>Local forums:</strong> 1 of 2 submitted, 1 drafting, 0 not started" in page
    assert "1 of 2 submitted, 1 drafting" in page  # London's row
    assert ">Camden<" not in page  # local forums are counted, not listed


def test_region_people_see_their_local_forums_on_the_dashboard(
    client, report, region, member, camden, local_member
):
    client.force_login(member)
    page = client.get(reverse("dashboard")).content.decode()
    assert '<h3 class="h5">Local forums</h3>' in page and ">Camden<" in page
    assert "<strong>Local forums:</strong> 0 of 1 submitted" in page
    # They may read Camden's response, not start it.
    assert f'action="{reverse("response_start", args=[report.slug, camden.slug])}"' not in page
    client.force_login(local_member)
    page = client.get(reverse("dashboard")).content.decode()
    assert f'action="{reverse("response_start", args=[report.slug, camden.slug])}"' in page
    assert ">London<" not in page


def test_a_region_without_local_forums_offers_nothing_to_open(client, report, national, steering):
    factories.make_region("Lonely")
    client.force_login(steering)
    page = client.get(reverse("positions_matrix", args=[report.slug, national.slug]))
    assert "Show its" not in page.content.decode()
