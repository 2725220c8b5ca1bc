"""The drafting page and its endpoints, as members, leads and steering use them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from responses.comments import add_comment
from responses.drafting import MAX_WORDS, submit_response
from responses.models import AuditEvent, Comment, Revision, Stance
from responses.presence import record_presence

from . import factories

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def section(regional_response):
    return regional_response.sections.get(order=1)


def _save(client, section, text, base_id, stance=Stance.AGREE, **extra):
    data = {"text": text, "stance": stance, "base_revision_id": base_id or ""}
    return client.post(reverse("section_save", args=[section.pk]), data, **extra)


def test_page_lists_sections_in_report_order_with_their_state(client, member, regional_response):
    factories.draft(regional_response.sections.get(order=2), "Drafted.", Stance.NO_POSITION)
    factories.draft(regional_response.sections.get(order=3), "Yes.", Stance.AGREE)
    client.force_login(member)
    page = client.get(regional_response.get_absolute_url()).content.decode()
    headings = ["Introduction", "Recommendation 1:", "Recommendation 2:", "Recommendation 3:"]
    positions = [page.index(f'">{heading}') for heading in headings]
    assert positions == sorted(positions)
    assert "Drafted" in page and "Position taken" in page and "Empty" in page
    assert "The report&#x27;s text for recommendation 1." in page
    assert 'role="status"' in page and "js/drafting.js" in page


def test_member_saves_without_javascript_and_returns_to_the_section(client, member, section):
    client.force_login(member)
    result = _save(client, section, "Our view.", None)
    assert result.status_code == 302
    assert result.url.endswith(f"#section-{section.pk}")
    section.refresh_from_db()
    assert (section.text, section.stance) == ("Our view.", Stance.AGREE)


def test_autosave_answers_the_page_script(client, member, section):
    client.force_login(member)
    data = _save(client, section, "Our view.", None, **HTMX).json()
    assert data["status"] == "saved"
    assert data["revision"] == data["own_revision"] == section.revisions.get().pk


def test_a_stale_save_is_merged_and_says_whose_changes(client, member, lead, section):
    base = factories.draft(section, "We agree. Families need time.", author=member)
    factories.draft(section, "We strongly agree. Families need time.", author=lead)
    client.force_login(member)
    data = _save(client, section, "We agree. Families need more time.", base.pk, **HTMX).json()
    assert data["status"] == "merged"
    assert data["text"] == "We strongly agree. Families need more time."
    assert "Lee" in data["notice"]


@pytest.mark.parametrize("saves_since", [1, 12])
def test_an_autosave_costs_the_same_few_queries_however_busy_the_section(
    client, member, lead, section, django_assert_num_queries, saves_since
):
    """Autosave runs every few seconds for everyone drafting: nine queries, from the
    session to the commit, whether or not others saved since and however many times.
    The section is read once, under its lock, and the permission checked on that read.
    On PostgreSQL a tenth keeps the search words of the new latest text."""
    queries = 9 + (connection.vendor == "postgresql")
    base = factories.draft(section, "We agree. Families need time.", author=member)
    client.force_login(member)
    with django_assert_num_queries(queries):
        data = _save(client, section, "We agree. Families need time now.", base.pk, **HTMX)
    assert data.json()["status"] == "saved"
    latest = data.json()["revision"]
    for number in range(saves_since):
        factories.draft(
            section, f"We strongly agree ({number}). Families need time now.", author=lead
        )
    with django_assert_num_queries(queries):
        data = _save(client, section, "We agree. Families need more time now.", latest, **HTMX)
    assert data.json()["status"] == "merged"
    assert (
        data.json()["text"]
        == f"We strongly agree ({saves_since - 1}). Families need more time now."
    )


def test_a_clash_shows_both_versions_to_resolve_and_keeps_both(client, member, lead, section):
    base = factories.draft(section, "Families need time.", author=member)
    factories.draft(section, "Families need money.", author=lead)
    client.force_login(member)
    result = _save(client, section, "Families need support.", base.pk)
    page = result.content.decode()
    assert result.status_code == 200
    assert "clash" in page and "Families need money." in page and "Families need support." in page
    assert "[deleted: </span>money." in page and "[inserted: </span>support." in page
    assert section.revisions.filter(text="Families need support.").exists()
    data = _save(client, section, "Families need support.", base.pk, **HTMX).json()
    assert data["status"] == "conflict" and "Use my version" in data["html"]


def test_a_clash_with_ones_own_later_save_says_so_and_names_nobody_else(client, member, section):
    """Two tabs, or a page from before a reload: the words clash with the member's own
    later save, and the screen says that rather than blaming someone else."""
    base = factories.draft(section, "Families need time.", author=member)
    factories.draft(section, "Families need money.", author=member)
    client.force_login(member)
    page = _save(client, section, "Families need support.", base.pk).content.decode()
    assert "clash with a later version of your own" in page
    assert "someone else" not in page


def test_text_over_the_cap_is_refused_with_a_message_and_nothing_stored(client, member, section):
    client.force_login(member)
    result = _save(client, section, "word " * 20_001, None)
    assert result.status_code == 422
    assert "over 20,000 words" in result.content.decode()
    assert _save(client, section, "word " * 20_001, None, **HTMX).status_code == 422
    assert not Revision.objects.exists()


def test_an_unknown_stance_is_refused(client, member, section):
    client.force_login(member)
    result = _save(client, section, "Text.", None, stance="maybe", **HTMX)
    assert result.status_code == 422 and "position" in result.json()["error"]
    assert not Revision.objects.exists()


def test_a_save_on_a_submitted_response_is_refused_with_a_message(client, member, lead, section):
    submit_response(response=section.response, actor=lead)
    client.force_login(member)
    result = _save(client, section, "Late.", None, **HTMX)
    assert result.status_code == 422 and "submitted" in result.json()["error"]
    assert not Revision.objects.exists()


def test_forged_ids_from_another_forum_are_404_and_change_nothing(
    client, member, section, other_response
):
    foreign_section = other_response.sections.get(order=1)
    foreign_revision = factories.draft(foreign_section, "Theirs.")
    client.force_login(member)
    assert _save(client, foreign_section, "Mine.", None).status_code == 404
    assert _save(client, section, "Mine.", foreign_revision.pk).status_code == 404
    restore = reverse("revision_restore", args=[section.pk, foreign_revision.pk])
    assert client.post(restore).status_code == 404
    assert Revision.objects.count() == 1
    foreign_comment = add_comment(
        section=foreign_section, body="Ours.", actor=foreign_revision.author
    )
    reply = {"body": "A reply.", "parent": foreign_comment.pk}
    assert client.post(reverse("comment_add", args=[section.pk]), reply).status_code == 404
    assert client.post(reverse("comment_resolve", args=[foreign_comment.pk])).status_code == 404
    assert Comment.objects.count() == 1 and not Comment.objects.get().is_resolved


def test_history_shows_a_word_diff_marked_in_text_and_restores(client, member, section):
    first = factories.draft(section, "We agree.", Stance.AGREE, author=member)
    factories.draft(section, "We strongly agree.", Stance.DISAGREE, author=member)
    client.force_login(member)
    page = client.get(reverse("section_history", args=[section.pk])).content.decode()
    assert "[inserted: </span>strongly" in page
    assert "Disagrees" in page and "Agrees" in page
    client.post(reverse("revision_restore", args=[section.pk, first.pk]))
    section.refresh_from_db()
    assert section.text == "We agree." and section.revisions.count() == 3


def test_comments_are_added_replied_to_resolved_and_reopened(client, member, lead, section):
    client.force_login(member)
    url = reverse("comment_add", args=[section.pk])
    client.post(url, {"body": "Should we mention transport?"})
    thread = Comment.objects.get()
    client.force_login(lead)
    client.post(url, {"body": "Yes, in the second paragraph.", "parent": thread.pk})
    page = client.get(section.response.get_absolute_url()).content.decode()
    assert "1 open comment" in page and "Yes, in the second paragraph." in page
    client.post(reverse("comment_resolve", args=[thread.pk]))
    page = client.get(section.response.get_absolute_url()).content.decode()
    assert "1 open comment" not in page and "Resolved" in page
    client.post(reverse("comment_reopen", args=[thread.pk]))
    thread.refresh_from_db()
    assert not thread.is_resolved


def test_presence_names_the_others_with_a_section_open(client, member, lead, section):
    record_presence(section=section, actor=lead)
    client.force_login(member)
    reply = client.post(
        reverse("response_presence", args=[section.response.pk]), {"section": section.pk}
    )
    assert reply.json()["editors"] == {str(section.pk): ["Lee"]}
    page = client.get(section.response.get_absolute_url()).content.decode()
    assert "Also editing now: Lee" in page


def test_before_submitting_the_lead_sees_empty_sections_and_open_comments(
    client, lead, member, section
):
    """Every item may have a position and still a section be empty or a question be
    left open: the lead sees all three before submitting."""
    response = section.response
    for each in response.sections.all():
        factories.draft(each, "" if each.order == 0 else "Written.", Stance.AGREE, author=member)
    add_comment(section=section, body="Is this our final word?", actor=member)
    client.force_login(lead)
    confirm = client.get(reverse("response_submit", args=[response.pk])).content.decode()
    assert "without a position" not in confirm
    assert "1 section with no text" in confirm and "Introduction" in confirm
    assert "1 comment still open" in confirm
    assert "Submit anyway" in confirm


def test_lead_sees_what_is_missing_then_submits_and_reopens(client, lead, member, section):
    client.force_login(lead)
    confirm = client.get(reverse("response_submit", args=[section.response.pk])).content.decode()
    assert "3 items without a position" in confirm
    client.post(reverse("response_submit", args=[section.response.pk]))
    client.force_login(member)
    page = client.get(section.response.get_absolute_url()).content.decode()
    assert "Submitted on" in page and "section-editor" not in page
    client.force_login(lead)
    client.post(reverse("response_reopen", args=[section.response.pk]))
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"response.submitted", "response.reopened"} <= verbs


def test_steering_reads_a_regional_draft_marked_as_draft(client, steering, section):
    factories.draft(section, "Work in progress.")
    client.force_login(steering)
    page = client.get(section.response.get_absolute_url()).content.decode()
    assert "You are reading a draft" in page
    assert "Work in progress." in page and "section-editor" not in page
    assert _save(client, section, "Steering edit.", None).status_code == 403


def test_preview_renders_markdown_through_the_sanitiser(client, member, section):
    client.force_login(member)
    reply = client.post(
        reverse("section_preview", args=[section.pk]), {"text": "**Bold** <script>x</script>"}
    )
    assert "<strong>Bold</strong>" in reply.content.decode()
    assert "<script>" not in reply.content.decode()


def test_preview_refuses_what_saving_refuses_with_the_same_message(client, member, section):
    from django.utils.html import escape

    client.force_login(member)
    too_long = "**word** " * (MAX_WORDS + 1)
    saved = _save(client, section, too_long, section.latest_revision_id, HTTP_HX_REQUEST="true")
    assert saved.status_code == 422
    refusal = saved.json()["error"]
    assert f"over {MAX_WORDS:,} words" in refusal

    preview = client.post(reverse("section_preview", args=[section.pk]), {"text": too_long})

    assert preview.status_code == 422
    assert escape(refusal) in preview.content.decode()
    assert "<strong>" not in preview.content.decode()
    just_enough = client.post(
        reverse("section_preview", args=[section.pk]), {"text": "word " * MAX_WORDS}
    )
    assert just_enough.status_code == 200


def _queries_at_two_sizes(client, member, region, fill, request) -> list[int]:
    """Queries of one request on a response of 2 items and one of 12, each filled
    with more revisions and comments as it grows. The request is made once before it
    is counted: the first one to show a new text also keeps its HTML (one query more,
    whatever the number of texts)."""
    client.force_login(member)
    counts = []
    for items in (2, 12):
        report = factories.make_report(items=items)
        response = factories.make_response(report, region, author=member)
        fill(response, items)
        request(response)
        with CaptureQueriesContext(connection) as queries:
            request(response)
        counts.append(len(queries))
    return counts


def test_response_page_queries_do_not_grow_with_items_or_revisions(client, member, region):
    def fill(response, items):
        for section in response.sections.all():
            for n in range(items // 2):
                factories.draft(section, f"Text {n}.", author=member)
            add_comment(section=section, body="A remark.", actor=member)
        record_presence(section=response.sections.first(), actor=factories.make_user())

    def request(response):
        assert client.get(response.get_absolute_url()).status_code == 200

    counts = _queries_at_two_sizes(client, member, region, fill, request)
    assert counts[0] == counts[1]


def test_save_endpoint_queries_do_not_grow_with_items_or_revisions(client, member, region):
    def fill(response, items):
        for n in range(items):
            factories.draft(
                response.sections.get(order=1), f"Opening words. Middle {n} here. Closing words."
            )

    def request(response):
        section = response.sections.get(order=1)
        base = section.revisions.order_by("pk").first()
        ours = "Opening words. Middle 0 here. Final words."
        assert _save(client, section, ours, base.pk, **HTMX).json()["status"] == "merged"

    counts = _queries_at_two_sizes(client, member, region, fill, request)
    assert counts[0] == counts[1]


def test_a_long_history_comes_in_pages_and_compares_across_them(client, member, section):
    """Autosaving makes hundreds of versions: the history lists 50 at a time, newest
    first, offers this page's and the two compared, and costs the same at any length."""
    from responses.views.sections import HISTORY_PAGE

    client.force_login(member)
    url = reverse("section_history", args=[section.pk])
    first = factories.draft(section, "Version 0.", author=member)
    for n in range(1, 2 * HISTORY_PAGE + 10):
        factories.draft(section, f"Version {n}.", author=member)
    page = client.get(url).content.decode()
    assert f"1 to {HISTORY_PAGE} of {2 * HISTORY_PAGE + 10}, newest first" in page
    assert "Older versions" in page and "Newer versions" not in page
    assert page.count('<option value="') == 2 * HISTORY_PAGE  # two selects
    assert "[inserted: </span>109." in page  # the latest against the one before
    last = client.get(url, {"page": 3}).content.decode()
    assert "101 to 110 of 110" in last and "Newer versions" in last
    assert f'<option value="{first.pk}"' in last
    across = client.get(url, {"older": first.pk, "newer": section.latest_revision_id})
    assert "[deleted: </span>0." in across.content.decode()
    assert across.content.decode().count(f'<option value="{first.pk}"') == 2
    with CaptureQueriesContext(connection) as short:
        client.get(url, {"page": 3})
    for n in range(200):
        factories.draft(section, f"More {n}.", author=member)
    with CaptureQueriesContext(connection) as long:
        client.get(url, {"page": 3})
    assert len(short) == len(long)
