import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from responses import workspace
from responses.drafting import MAX_WORDS
from responses.models import (
    AuditEvent,
    Item,
    ItemKind,
    Provenance,
    Response,
    ResponseStatus,
    Stance,
)

from . import factories
from .realistic import RECOMMENDATION_2


def _matrix_url(report, forum="national"):
    return reverse("positions_matrix", args=[report.slug, forum])


def _item_url(report, name="workspace_item", item=None, forum="national"):
    item = item or report.items.order_by("order").first()
    return reverse(name, kwargs={"slug": report.slug, "forum_slug": forum, "item_pk": item.pk})


def _draft_regions(report, count, *, start=0):
    items = list(report.items.order_by("order"))
    for n in range(start, start + count):
        response = factories.make_response(report, factories.make_region(f"Forum {n:03}"))
        sections = {s.item_id: s for s in response.sections.filter(item__isnull=False)}
        for item in items:
            factories.draft(sections[item.pk], f"Point {n} on {item.number}.", Stance.AGREE)


def test_matrix_shows_stances_as_words_tallies_chart_and_links(
    client, steering, report, region, member, other_region
):
    response = factories.make_response(report, region, author=member)
    section = response.sections.get(order=1)
    factories.draft(section, "We agree.", Stance.AGREE_WITH_CONCERNS, author=member)
    Response.objects.filter(pk=response.pk).update(status=ResponseStatus.SUBMITTED)
    client.force_login(steering)
    page = client.get(_matrix_url(report)).content.decode()
    assert "Agrees with concerns" in page
    assert f"{response.get_absolute_url()}#section-{section.pk}" in page
    assert "Submitted" in page
    assert "<svg" in page and "How many regions hold each position" in page
    heading = section.item.heading
    assert f"<title>{heading}: Agrees with concerns, 1</title>" in page  # the bar's piece
    assert f"<title>{heading}: No response, 1</title>" in page  # North West
    assert f'<text class="chart-label" x="0" y="18">Recommendation {section.item.number}' in page
    assert page.count("No response") >= 3  # North West has no response
    assert _item_url(report) in page


def test_each_cell_shows_the_latest_stance_by_icon_and_words_and_links_to_the_text(
    client, steering, report, region, member, other_region
):
    response = factories.make_response(report, region, author=member)
    section = response.sections.get(order=1)
    factories.draft(section, "We agree.", Stance.AGREE, author=member)
    factories.draft(section, "On reflection, no.", Stance.DISAGREE, author=member)
    undecided = response.sections.get(order=2)
    client.force_login(steering)
    page = client.get(_matrix_url(report)).content.decode()
    assert (
        '<td class="stance stance-disagree">'
        f'<a href="{response.get_absolute_url()}#section-{section.pk}">'
        '<span aria-hidden="true" class="stance-icon">✗</span> Disagrees</a></td>'
    ) in page
    assert (
        '<td class="stance stance-no_position">'
        f'<a href="{response.get_absolute_url()}#section-{undecided.pk}">'
        '<span aria-hidden="true" class="stance-icon">–</span> No position yet</a></td>'
    ) in page
    no_response = (
        '<td class="stance stance-no_response">'
        '<span aria-hidden="true" class="stance-icon">○</span> No response</td>'
    )
    assert page.count(no_response) == report.items.count()  # North West, unlinked


def test_matrix_page_costs_the_same_queries_for_9_and_150_forums(client, steering, report):
    client.force_login(steering)
    _draft_regions(report, 9)
    client.get(_matrix_url(report))  # warm the session
    with CaptureQueriesContext(connection) as nine:
        assert client.get(_matrix_url(report)).status_code == 200
    _draft_regions(report, 141, start=9)
    with CaptureQueriesContext(connection) as many:
        page = client.get(_matrix_url(report))
    assert page.content.decode().count('scope="row">Forum ') == 150
    assert len(nine) == len(many) == 10, (len(nine), len(many))


def test_workspace_costs_the_same_queries_for_9_and_150_forums(client, steering, report, national):
    client.force_login(steering)
    _draft_regions(report, 9)
    workspace.assemble_starting_draft(
        report=report,
        forum=national,
        item=report.items.order_by("order").first(),
        base_revision_id=None,
        actor=steering,
    )
    client.get(_item_url(report))
    with CaptureQueriesContext(connection) as nine:
        client.get(_item_url(report))
    _draft_regions(report, 141, start=9)
    client.get(_item_url(report))  # the first showing of the new texts keeps their HTML
    with CaptureQueriesContext(connection) as many:
        page = client.get(_item_url(report)).content.decode()
    assert 'id="forum-editor-form"' in page and "Showing 150 of 150" in page
    # Two more than the matrix's: the paragraphs' sources, which show the local forums
    # behind each regional point, and the texts' HTML.
    assert len(nine) == len(many) == 16, (len(nine), len(many))


def test_csv_has_every_position_with_its_text_at_every_level(
    client, steering, report, region, other_region, member, national
):
    response = factories.make_response(report, region, author=member)
    factories.draft(response.sections.get(order=1), '=HYPERLINK("x")', author=member)
    camden = factories.make_local(region, "Camden")
    local = factories.make_response(report, camden)
    factories.draft(local.sections.get(order=1), "Camden agrees.", Stance.AGREE)
    factories.make_local(other_region, "Bolton")
    client.force_login(steering)
    download = client.get(reverse("positions_csv", args=[report.slug, "national"]))
    assert download["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows[0][:6] == [
        "Level",
        "Region",
        "Forum",
        "Response",
        "Recommendation 1: Recommendation title 1: position",
        "Recommendation 1: Recommendation title 1: text",
    ]
    # The network, then each region followed by its local forums.
    assert [row[:3] for row in rows[1:]] == [
        ["National network", "", national.name],
        ["Region", "London", "London"],
        ["Local forum", "London", "Camden"],
        ["Region", "North West", "North West"],
        ["Local forum", "North West", "Bolton"],
    ]
    assert rows[2][3:6] == ["Drafting", "Agrees", '\'=HYPERLINK("x")']
    assert rows[3][3:6] == ["Drafting", "Agrees", "Camden agrees."]
    assert rows[5][3:5] == ["No response", "No response"]


@pytest.mark.parametrize("role", ["member", "lead"])
def test_regional_people_cannot_see_the_matrix_or_the_workspace(client, request, report, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(_matrix_url(report)).status_code == 403
    assert client.get(reverse("positions_csv", args=[report.slug, "national"])).status_code == 403
    assert client.get(_item_url(report)).status_code == 403
    assert client.post(_item_url(report, "workspace_item_assemble")).status_code == 403
    assert not Response.objects.exists()


def test_an_item_of_another_report_is_not_found(client, steering, report):
    other = factories.make_report(items=1)
    client.force_login(steering)
    url = _item_url(report, item=other.items.get())
    assert client.get(url).status_code == 404


def _realistic(report):
    item = report.items.order_by("order").first()
    for name, (stance, text) in RECOMMENDATION_2.items():
        response = factories.make_response(report, factories.make_region(name))
        if text:
            factories.draft(response.sections.get(item=item), text, stance)
    return item


def test_workspace_shows_every_region_side_by_side_and_filters(client, steering, report, national):
    _realistic(report)
    client.force_login(steering)
    page = client.get(_item_url(report)).content.decode()
    assert "Showing 9 of 9 regions" in page
    assert "Three of the nine regions agree with this recommendation" in page
    assert "London: 2 points not yet reflected" in page
    assert "Rural families already travel long distances" in page
    page = client.get(_item_url(report), {"position": Stance.DISAGREE}).content.decode()
    assert "Showing 1 of 9 regions" in page
    page = client.get(_item_url(report), {"status": "submitted"}).content.decode()
    assert "Showing 0 of 9 regions" in page


def test_assembling_starts_the_statement_and_saves_a_draft(client, steering, report, national):
    item = _realistic(report)
    client.force_login(steering)
    result = client.post(_item_url(report, "workspace_item_assemble"), {"base_revision_id": ""})
    assert result.status_code == 302
    statement = Response.objects.get(report=report, forum=national)
    section = statement.sections.get(item=item)
    assert section.text.startswith("Three of the nine regions")
    assert section.latest_revision.provenance.count() == 13
    page = client.get(result.url).content.decode()
    assert "From East Midlands, London" in page
    assert "Every region’s points are reflected in this text." in page
    # Said beside the editor the page comes back to, not at its top.
    assert page.index('id="forum-editor"') < page.index('role="status"')


def test_use_this_inserts_at_the_cursor_keeping_the_typed_text(client, steering, report, national):
    item = _realistic(report)
    london = Response.objects.get(forum__name="London").sections.get(item=item).latest_revision
    client.force_login(steering)
    result = client.post(
        _item_url(report, "workspace_item_use"),
        {
            "text": "Start.\n\nEnd.",
            "stance": Stance.AGREE,
            "base_revision_id": "",
            "use": f"{london.pk}:1",
            "cursor": "6",
        },
    )
    section = Response.objects.get(forum=national).sections.get(item=item)
    assert section.text.startswith("Start.\n\nWe worry that fixed bands")
    assert section.text.endswith("\n\nEnd.")
    assert section.stance == Stance.AGREE
    assert "caret=" in result.url
    assert Provenance.objects.get().source_revision == london


def test_use_this_counts_the_cursor_as_the_editor_does_whatever_line_breaks_the_form_sends(
    client, steering, report, national
):
    """A browser sends each line break of a textarea as two characters, while the
    script counts the caret in the textarea's own text, with one: the paragraph goes
    where the caret was, not one character earlier for each line break before it."""
    item = _realistic(report)
    london = Response.objects.get(forum__name="London").sections.get(item=item).latest_revision
    typed = "Start.\n\nMiddle.\nA closing line."
    client.force_login(steering)
    client.post(
        _item_url(report, "workspace_item_use"),
        {
            "text": typed.replace("\n", "\r\n"),
            "stance": Stance.AGREE,
            "base_revision_id": "",
            "use": f"{london.pk}:1",
            "cursor": str(len(typed)),
        },
    )
    section = Response.objects.get(forum=national).sections.get(item=item)
    assert section.text.startswith(typed + "\n\nWe worry that fixed bands")
    assert "\r" not in section.text


def test_use_this_refuses_a_paragraph_of_another_item(client, steering, report, member, region):
    second = report.items.order_by("order")[1]
    response = factories.make_response(report, region, author=member)
    other = factories.draft(response.sections.get(item=second), "Elsewhere.", author=member)
    client.force_login(steering)
    client.post(
        _item_url(report, "workspace_item_use"),
        {"text": "", "stance": Stance.AGREE, "use": f"{other.pk}:0"},
    )
    assert not Provenance.objects.exists()
    assert not Response.objects.filter(forum__kind="national").exists()


def test_workspace_without_a_statement_offers_to_start_and_reading_starts_nothing(
    client, steering, report, national
):
    client.force_login(steering)
    page = client.get(_item_url(report)).content.decode()
    assert "Start drafting this section" in page
    assert f'action="{_item_url(report, "workspace_item_start")}" id="forum-editor-form"' in page
    assert not Response.objects.exists()
    result = client.post(_item_url(report, "workspace_item_start"), {"position": Stance.AGREE})
    assert result.url == f"{_item_url(report)}?position={Stance.AGREE}#forum-editor"
    statement = Response.objects.get(report=report, forum=national)
    assert AuditEvent.objects.filter(verb="statement.started").count() == 1
    client.post(_item_url(report, "workspace_item_start"))
    assert Response.objects.get() == statement
    assert AuditEvent.objects.filter(verb="statement.started").count() == 1


def _started(report, steering, national):
    item = report.items.order_by("order").first()
    workspace.start_section(report=report, forum=national, item=item, actor=steering)
    return Response.objects.get(forum__kind="national").sections.get(item=item)


def test_workspace_editor_is_the_shared_autosaving_editor(client, steering, report, national):
    section = _started(report, steering, national)
    client.force_login(steering)
    page = client.get(_item_url(report)).content.decode()
    save_url = reverse("section_save", args=[section.pk])
    assert f'action="{save_url}" class="section-editor"' in page
    assert 'id="forum-editor-form">' in page
    assert f'name="stance" id="stance-{section.pk}-{Stance.AGREE}"' in page
    assert 'class="save-status" role="status" aria-live="polite"' in page
    assert "preview-toggle" in page and f'id="words-{section.pk}"' in page
    presence = reverse("response_presence", args=[section.response.pk])
    assert f'data-presence-url="{presence}"' in page
    assert '<input type="hidden" name="next" value="workspace">' in page
    assert 'name="status" value="" form="forum-editor-form"' in page
    assert "js/drafting.js" in page and "Start drafting this section" not in page


def test_plain_save_from_the_workspace_comes_back_to_it(client, steering, report, national):
    section = _started(report, steering, national)
    client.force_login(steering)
    save_url = reverse("section_save", args=[section.pk])
    fields = {"text": "Our text.", "stance": Stance.DISAGREE, "next": "workspace"}
    result = client.post(save_url, {**fields, "status": "draft"})
    assert result.url == f"{_item_url(report)}?status=draft#forum-editor"
    section.refresh_from_db()
    assert (section.text, section.stance) == ("Our text.", Stance.DISAGREE)
    # Anything else than the fixed choice goes to the statement's own page.
    result = client.post(
        save_url, {**fields, "base_revision_id": section.latest_revision_id, "next": "//evil"}
    )
    assert result.url == f"{section.response.get_absolute_url()}#section-{section.pk}"


def test_a_clashing_plain_save_from_the_workspace_resolves_back_to_it(
    client, steering, report, national
):
    section = _started(report, steering, national)
    client.force_login(steering)
    save_url = reverse("section_save", args=[section.pk])
    fields = {"stance": Stance.AGREE, "next": "workspace"}
    client.post(save_url, {**fields, "text": "The network agrees."})
    first = section.revisions.get().pk
    client.post(save_url, {**fields, "text": "The network disagrees.", "base_revision_id": first})
    clash = client.post(
        save_url, {**fields, "text": "The network mostly agrees.", "base_revision_id": first}
    )
    page = clash.content.decode()
    assert "Your changes clash" in page
    assert page.count('name="next" value="workspace"') == 3  # keep, mine, combine
    section.refresh_from_db()
    mine = client.post(
        save_url,
        {
            **fields,
            "text": "The network mostly agrees.",
            "base_revision_id": section.latest_revision_id,
        },
    )
    assert mine.url == f"{_item_url(report)}#forum-editor"


def test_assembling_keeps_what_was_typed_in_the_history(client, steering, report, national):
    _realistic(report)
    section = _started(report, steering, national)
    client.force_login(steering)
    client.post(
        _item_url(report, "workspace_item_assemble"),
        {"text": "Typed, not yet autosaved.", "stance": Stance.AGREE, "base_revision_id": ""},
    )
    texts = list(section.revisions.order_by("pk").values_list("text", "stance"))
    assert texts[0] == ("Typed, not yet autosaved.", Stance.AGREE)
    assert texts[1][0].startswith("Three of the nine regions") and texts[1][1] == Stance.AGREE
    assert len(texts) == 2


def test_report_page_links_the_steering_group_to_the_positions(client, steering, member, report):
    client.force_login(steering)
    assert _matrix_url(report) in client.get(report.get_absolute_url()).content.decode()
    client.force_login(member)
    assert _matrix_url(report) not in client.get(report.get_absolute_url()).content.decode()


def test_assembling_with_a_filter_draws_only_on_the_regions_shown(
    client, steering, report, national
):
    item = _realistic(report)
    client.force_login(steering)
    client.post(
        _item_url(report, "workspace_item_assemble"),
        {"base_revision_id": "", "position": Stance.DISAGREE, "status": ""},
    )
    section = Response.objects.get(forum=national).sections.get(item=item)
    assert section.text.endswith("(South West)")
    assert "(London)" not in section.text
    assert {
        row.source_revision.section.response.forum.name for row in Provenance.objects.all()
    } == {"South West"}


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_header_cannot_start_a_formula_either(client, steering, report, region, start):
    # An item without a number is headed by its title alone, as typed or imported.
    title = f'{start}HYPERLINK("https://example.org")'
    Item.objects.create(report=report, order=9, kind=ItemKind.FINDING, number="", title=title)
    region.name = f"{start}SUM(A1:A9)"
    region.save()
    factories.make_response(report, region, author=steering)
    client.force_login(steering)
    download = client.get(reverse("positions_csv", args=[report.slug, "national"]))
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"), newline="")))
    header = rows[0]
    assert f"'{title}: position" in header and f"'{title}: text" in header
    assert rows[2][1] == rows[2][2] == f"'{start}SUM(A1:A9)"  # its Region and Forum
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


# What a workspace write that was not saved says ---------------------------------


def _workspace_write(client, report, action, fields):
    """Press "Assemble" or "Use this" with the editor holding `fields`; the page the
    user comes back to."""
    if action == "workspace_item_use":
        source = Response.objects.get(forum__name="London").sections.get(
            item=report.items.order_by("order").first()
        )
        fields = {**fields, "use": f"{source.latest_revision_id}:0"}
    return client.post(_item_url(report, action), fields, follow=True).content.decode()


WRITES = ["workspace_item_assemble", "workspace_item_use"]


@pytest.mark.parametrize("action", WRITES)
def test_a_workspace_write_over_the_word_limit_says_so(client, steering, report, national, action):
    _realistic(report)
    section = _started(report, steering, national)
    client.force_login(steering)
    too_long = "word " * (MAX_WORDS + 1)
    page = _workspace_write(
        client, report, action, {"text": too_long, "stance": Stance.AGREE, "base_revision_id": ""}
    )
    assert f"This section is over {MAX_WORDS:,} words" in page
    assert "changed the same words" not in page
    assert not section.revisions.exists()


def _clash(client, report, action, section, *, later_author, typed="The network mostly agrees."):
    first = factories.draft(section, "The network agrees.", author=later_author)
    factories.draft(section, "The network disagrees.", author=later_author)
    return _workspace_write(
        client,
        report,
        action,
        {"text": typed, "stance": Stance.AGREE, "base_revision_id": first.pk},
    )


@pytest.mark.parametrize("action", WRITES)
def test_a_workspace_write_clashing_with_someone_else_says_someone_else_changed_the_words(
    client, steering, second_steering, report, national, action
):
    _realistic(report)
    section = _started(report, steering, national)
    client.force_login(steering)
    page = _clash(client, report, action, section, later_author=second_steering)
    assert "Someone else changed the same words of this section" in page
    section.refresh_from_db()
    assert section.text == "The network disagrees."
    assert section.revisions.filter(author=steering, text__startswith="The network mostly").exists()


@pytest.mark.parametrize("action", WRITES)
def test_a_workspace_write_clashing_with_ones_own_later_save_says_so(
    client, steering, report, national, action
):
    _realistic(report)
    section = _started(report, steering, national)
    client.force_login(steering)
    page = _clash(client, report, action, section, later_author=steering)
    assert "You saved other words in the same place since this page was opened" in page
    assert "Someone else" not in page
    section.refresh_from_db()
    assert section.text == "The network disagrees."
    assert section.revisions.filter(author=steering, text__startswith="The network mostly").exists()
