"""Search: what a person may read and nothing else, found across reports, grouped by
report and item, narrowed by filters; and the published statements for anyone."""

import pytest
from django.db import connection
from django.urls import reverse

from responses.comments import add_comment
from responses.models import ForumKind, Role, Stance
from responses.search import Filters, search, search_published

from . import factories

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="ranking is PostgreSQL's full-text search"
)


def _first(response):
    return response.sections.get(order=1)


def _found(results) -> list[tuple[str, str, str]]:
    """(kind, forum or "", heading) of every hit, in the order shown."""
    return [
        (hit.kind, hit.forum.name if hit.forum else "", item.heading)
        for group in results.groups
        for item in group.items
        for hit in item.hits
    ]


def _forums(results) -> set[str]:
    return {forum for _kind, forum, _heading in _found(results) if forum}


@pytest.fixture
def drafted(report, region, other_region, statement, member, other_member, steering):
    """London, a local forum under it, the North West and the statement, each with a
    word about tribunals in its first item, and a comment in the North West."""
    local = factories.make_local(region, "Camden")
    local_member = factories.make_member(local, Role.MEMBER, username="camden")
    texts = {
        region: "London families wait a year for a tribunal hearing.",
        local: "Camden parents told us tribunal dates are cancelled.",
        other_region: "In the North West, tribunals are the only way to get support.",
        statement.forum: "The national view on the tribunal system.",
    }
    authors = {region: member, local: local_member, other_region: other_member}
    for forum, text in texts.items():
        if forum.is_national:
            response = statement
        else:
            response = factories.make_response(report, forum, author=authors[forum])
        factories.draft(
            _first(response), text, Stance.DISAGREE, author=authors.get(forum, steering)
        )
    north_west = other_region.responses.get(report=report)
    add_comment(section=_first(north_west), body="Say how long tribunals take.", actor=other_member)
    return {"local member": local_member}


def test_a_member_finds_only_what_they_may_read(drafted, member, other_member, steering):
    # London reads its own response and its local forums' ones: not another region's,
    # not its comments, not the national statement before it is published.
    assert _forums(search(member, "tribunal")) == {"London", "Camden"}
    assert _forums(search(other_member, "tribunal")) == {"North West"}
    # A local forum reads its own only, not its region's.
    assert _forums(search(drafted["local member"], "tribunal")) == {"Camden"}
    everything = _found(search(steering, "tribunal"))
    assert {forum for _k, forum, _h in everything if forum} == {
        "London",
        "Camden",
        "North West",
        "National Network of Parent Carer Forums",
    }
    assert ("comment", "North West", "Recommendation 1: Recommendation title 1") in everything


def test_someone_outside_every_forum_finds_nothing(drafted, outsider):
    assert search(outsider, "tribunal").count == 0


def test_a_plural_finds_the_singular_and_the_other_way_round(drafted, steering):
    assert _forums(search(steering, "tribunals")) == _forums(search(steering, "tribunal"))
    assert "London" in _forums(search(steering, "tribunals"))  # London wrote "tribunal"
    assert "North West" in _forums(search(steering, "tribunal"))  # and the NW "tribunals"


def test_every_word_must_be_there(drafted, steering):
    assert _forums(search(steering, "tribunal Camden")) == {"Camden"}
    assert search(steering, "tribunal giraffe").count == 0


def test_hits_carry_forum_stance_link_and_marked_words(drafted, member, region, report):
    results = search(member, "hearing")
    [group] = results.groups
    assert group.report == report
    [item] = group.items
    [hit] = item.hits
    assert item.heading == "Recommendation 1: Recommendation title 1"
    assert (hit.kind, hit.forum, hit.stance) == ("section", region, "Disagrees")
    section = _first(region.responses.get())
    assert hit.url == f"/responses/{section.response_id}/#section-{section.pk}"
    assert "<mark>hearing</mark>" in hit.snippet
    assert "London families wait" in hit.snippet


def test_results_are_grouped_by_report_then_item(report, region, member):
    second_report = factories.make_report(items=2, title="Another report")
    for each in (report, second_report):
        response = factories.make_response(each, region, author=member)
        for section in response.sections.filter(order__in=[1, 2]):
            factories.draft(section, f"Respite matters in {section.heading}.", author=member)
    results = search(member, "respite")
    assert {group.report.title for group in results.groups} == {report.title, "Another report"}
    for group in results.groups:
        assert [len(item.hits) for item in group.items] == [1, 1]
        assert len({item.heading for item in group.items}) == 2
    assert results.count == 4


def test_the_reports_own_text_and_comments_are_found(report, regional_response, member):
    item = report.items.get(order=2)
    item.text = "The report proposes a new respite standard."
    item.save()
    add_comment(section=_first(regional_response), body="What about respite?", actor=member)
    found = _found(search(member, "respite"))
    assert ("report", "", item.heading) in found
    assert ("comment", "London", _first(regional_response).heading) in found
    urls = {
        hit.kind: hit.url
        for g in search(member, "respite").groups
        for i in g.items
        for hit in i.hits
    }
    assert urls["report"] == f"{report.get_absolute_url()}#item-{item.pk}"
    assert urls["comment"].endswith(f"#comments-{_first(regional_response).pk}")


def test_filters_narrow_to_a_report_level_forum_and_stance(drafted, steering, report, region):
    everything = _forums(search(steering, "tribunal"))
    assert len(everything) == 4
    assert _forums(search(steering, "tribunal", Filters(level=ForumKind.LOCAL))) == {"Camden"}
    assert _forums(search(steering, "tribunal", Filters(forum=region.slug))) == {"London"}
    assert search(steering, "tribunal", Filters(stance=Stance.AGREE)).count == 0
    disagreeing = search(steering, "tribunal", Filters(stance=Stance.DISAGREE))
    assert _forums(disagreeing) == everything
    other = factories.make_report(items=1)
    assert search(steering, "tribunal", Filters(report=other.slug)).count == 0
    assert _forums(search(steering, "tribunal", Filters(report=report.slug))) == everything


def test_a_new_save_is_found_and_the_words_it_replaced_are_not(regional_response, member):
    section = _first(regional_response)
    factories.draft(section, "Short breaks are hard to find.", author=member)
    assert search(member, "breaks").count == 1
    factories.draft(section, "Transport to school is unreliable.", author=member)
    assert search(member, "breaks").count == 0
    assert search(member, "transport").count == 1


def test_hostile_text_is_shown_as_text(regional_response, member):
    factories.draft(
        _first(regional_response), 'Tribunal <script>alert("x")</script> **bold**', author=member
    )
    [hit] = [
        hit for group in search(member, "tribunal").groups for i in group.items for hit in i.hits
    ]
    assert "<script>" not in hit.snippet
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in hit.snippet
    assert "**" not in hit.snippet


def test_nothing_to_look_for_finds_nothing(regional_response, member):
    factories.draft(_first(regional_response), "Some text.", author=member)
    for words in ("", "   ", "!!! ???", "*"):
        assert search(member, words).count == 0


@on_postgresql
def test_the_more_a_text_is_about_the_words_the_higher_it_ranks(report, region, member):
    response = factories.make_response(report, region, author=member)
    once, thrice = response.sections.filter(order__in=[1, 2]).order_by("order")
    factories.draft(once, "Transport is mentioned once among many other words here.", author=member)
    factories.draft(thrice, "Transport, transport and again transport.", author=member)
    [group] = search(member, "transport").groups
    assert [item.heading for item in group.items] == [thrice.heading, once.heading]


@on_postgresql
def test_postgresql_finds_sections_through_the_search_index(regional_response, member):
    factories.draft(_first(regional_response), "Tribunals everywhere.", author=member)
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            sections = search(member, "tribunal")
        finally:
            cursor.execute("SET enable_seqscan = on")
    assert sections.count == 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'sectionsearch_vector'")
        assert "gin" in cursor.fetchone()[0]


# Published statements ------------------------------------------------------------


def test_anyone_searches_the_latest_published_statement_only(
    report, statement, steering, second_steering, regional_response, member
):
    factories.draft(_first(regional_response), "London says tribunals are slow.", author=member)
    factories.draft(_first(statement), "First version on tribunals.", author=steering)
    factories.publish(statement, approvers=[steering, second_steering])
    [snippet] = [
        hit.snippet for g in search_published("tribunal").groups for i in g.items for hit in i.hits
    ]
    assert snippet == "First version on <mark>tribunals</mark>."
    factories.draft(_first(statement), "Second version on tribunals.", author=steering)
    unpublished = search_published("second")
    assert unpublished.count == 0  # saved, not yet published
    factories.publish(statement, approvers=[steering, second_steering])
    assert search_published("second").count == 1
    assert search_published("first").count == 0  # an earlier version is not searched
    assert search_published("london").count == 0  # a forum's own words never


# Pages ---------------------------------------------------------------------------


def test_the_search_page_shows_results_and_filters(client, drafted, member):
    client.force_login(member)
    page = client.get(reverse("search"), {"q": "tribunal"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "2 places with “tribunal”" in html
    assert "<mark>tribunal</mark>" in html
    assert "London’s response" in html and "Camden’s response" in html
    assert "North West" not in html  # not even in the forum filter
    assert 'name="stance"' in html and 'name="level"' in html


def test_the_search_page_without_words_shows_the_form_only(client, member):
    client.force_login(member)
    html = client.get(reverse("search")).content.decode()
    assert 'role="search"' in html and "places with" not in html and "Nothing found" not in html


def test_a_forged_or_giant_search_is_refused_with_a_message(client, drafted, member, other_region):
    client.force_login(member)
    forged = client.get(reverse("search"), {"q": "tribunal", "forum": other_region.slug})
    assert "Select a valid choice" in forged.content.decode()
    assert "places with" not in forged.content.decode()
    giant = client.get(reverse("search"), {"q": "tribunal " * 100})
    assert "Search for at most 200 characters." in giant.content.decode()
    assert "places with" not in giant.content.decode()


def test_nothing_found_says_so(client, drafted, member):
    client.force_login(member)
    html = client.get(reverse("search"), {"q": "giraffe"}).content.decode()
    assert "Nothing found with “giraffe”" in html


def test_the_navigation_offers_search_to_everyone_signed_in(client, member):
    client.force_login(member)
    html = client.get(reverse("dashboard")).content.decode()
    assert f'action="{reverse("search")}"' in html and 'id="nav-search"' in html


def test_the_public_index_searches_the_statements(
    client, report, statement, steering, second_steering
):
    factories.draft(_first(statement), "Our line on tribunals.", author=steering)
    factories.publish(statement, approvers=[steering, second_steering])
    html = client.get(reverse("statement_index"), {"q": "tribunal"}).content.decode()
    assert "1 place with “tribunal”" in html
    assert "<mark>tribunals</mark>" in html
    assert f"/statements/{report.slug}/v1/#published-{_first(statement).pk}" in html


def test_forums_words_come_a_page_at_a_time(client, region, other_region, steering):
    report = factories.make_report(items=11)
    for forum in (region, other_region):
        response = factories.make_response(report, forum, author=steering)
        for section in response.sections.all():
            factories.draft(section, f"Respite in {forum.name}.", author=steering)
    # 2 forums x 13 sections (introduction, 11 items, conclusion)
    first, second = search(steering, "respite"), search(steering, "respite", page=2)
    assert (first.count, first.has_next) == (20, True)
    assert (second.count, second.has_next) == (6, False)
    shown = {
        hit.url
        for results in (first, second)
        for g in results.groups
        for i in g.items
        for hit in i.hits
    }
    assert len(shown) == 26
    client.force_login(steering)
    html = client.get(reverse("search"), {"q": "respite", "level": "region"}).content.decode()
    assert "Page 1 of the places with “respite”" in html
    assert 'href="?q=respite&amp;level=region&amp;page=2" rel="next"' in html
    html = client.get(
        reverse("search"), {"q": "respite", "level": "region", "page": 2}
    ).content.decode()
    assert 'rel="prev"' in html and 'rel="next"' not in html
    assert "Page 2 of the places" in html


def test_the_snippet_marks_every_form_of_the_words_found(regional_response, member):
    factories.draft(
        _first(regional_response),
        "One family told us. Families wait; a tribunal date, then two tribunals.",
        author=member,
    )
    [hit] = [
        hit for g in search(member, "families tribunal").groups for i in g.items for hit in i.hits
    ]
    assert hit.snippet == (
        "One <mark>family</mark> told us. <mark>Families</mark> wait; a <mark>tribunal</mark>"
        " date, then two <mark>tribunals</mark>."
    )
