"""Publishing: the statement fixed as a version, its PDF built from the approved text."""

import hashlib
import re
import threading
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils.html import escape

from responses import pdf, publishing
from responses.approval import withdraw_approval
from responses.drafting import save_section
from responses.models import AuditEvent, Publication, Stance
from responses.publishing import (
    ChangedWhilePublishing,
    NotReadyToPublish,
    PublishingFailed,
    publish_statement,
)

from . import factories
from .pdf_reading import page_texts, read

APPROVED_TEXTS = {
    0: "We welcome the chance to answer this report together.",
    1: "Families must help write the national vision.",
    2: "A framework must not ration support by category.",
    3: "Inclusion needs trained staff and quiet spaces.",
    4: "In conclusion, co-production is the way forward.",
}


@pytest.fixture
def approved_statement(statement, steering, second_steering):
    for section in statement.sections.all():
        factories.draft(section, APPROVED_TEXTS[section.order], author=steering)
    factories.approve_everything(statement, approvers=[steering, second_steering])
    return statement


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_publishing_is_blocked_while_a_section_is_unapproved(statement, steering, second_steering):
    factories.approve_everything(statement, approvers=[steering])  # one of two approvals
    with pytest.raises(NotReadyToPublish) as refused:
        publish_statement(statement=statement, actor=steering)
    assert "Introduction" in str(refused.value)
    assert not Publication.objects.exists()


def test_the_pdf_text_is_the_approved_revisions_text(approved_statement, steering):
    publication = publish_statement(statement=approved_statement, actor=steering)
    pdf = publication.pdf.read()
    text = _squash(" ".join(page_texts(pdf)))
    for approved in APPROVED_TEXTS.values():
        assert approved in text
    assert "DRAFT" not in text.upper()
    assert publication.pdf_sha256 == hashlib.sha256(pdf).hexdigest()


def test_a_publication_names_the_exact_revision_of_every_section(approved_statement, steering):
    publication = publish_statement(statement=approved_statement, actor=steering)
    fixed = {row.section_id: row.revision_id for row in publication.published_sections.all()}
    latest = {s.pk: s.latest_revision_id for s in approved_statement.sections.all()}
    assert fixed == latest


def test_the_version_id_is_the_same_on_page_pdf_and_record(client, approved_statement, steering):
    publication = publish_statement(statement=approved_statement, actor=steering)
    pdf = publication.pdf.read()
    assert read(pdf).metadata["/version"] == "1"
    assert all("Version 1, published" in page for page in page_texts(pdf))
    page = client.get(reverse("statement_latest", args=[approved_statement.report.slug]))
    assert "Version 1, published" in page.content.decode()
    event = AuditEvent.objects.get(verb="statement.published")
    assert event.data["version"] == publication.version == 1


def test_published_versions_never_change(approved_statement, steering):
    publication = publish_statement(statement=approved_statement, actor=steering)
    publication.pdf_sha256 = "0" * 64
    with pytest.raises(ValueError):
        publication.save()
    with pytest.raises(ProtectedError):
        publication.delete()
    with pytest.raises(ProtectedError):
        publication.published_sections.first().revision.delete()


def test_publishing_again_after_edits_creates_the_next_version(
    client, approved_statement, steering, second_steering
):
    first = publish_statement(statement=approved_statement, actor=steering)
    first_pdf = first.pdf.read()
    section = approved_statement.sections.get(order=1)
    factories.draft(
        section, "Families must co-write the vision, and check it yearly.", author=steering
    )
    with pytest.raises(NotReadyToPublish):
        publish_statement(statement=approved_statement, actor=steering)
    factories.approve_everything(approved_statement, approvers=[steering, second_steering])
    second = publish_statement(statement=approved_statement, actor=steering)

    assert (first.version, second.version) == (1, 2)
    first.refresh_from_db()
    assert hashlib.sha256(first.pdf.read()).hexdigest() == first.pdf_sha256
    slug = approved_statement.report.slug
    old = client.get(reverse("statement_version", args=[slug, 1])).content.decode()
    new = client.get(reverse("statement_latest", args=[slug])).content.decode()
    assert "Families must help write the national vision." in old
    assert "This is an earlier version" in old
    assert "check it yearly" in new
    assert "check it yearly" not in _squash(" ".join(page_texts(first_pdf)))
    downloaded = client.get(reverse("statement_pdf", args=[slug, 1]))
    assert b"".join(downloaded.streaming_content) == first_pdf


def test_if_rendering_fails_nothing_is_published_and_the_user_sees_why(
    client, approved_statement, steering, monkeypatch
):
    def broken(*args, **kwargs):
        raise OSError("the font file is missing")

    monkeypatch.setattr("responses.pdf.render_response_pdf", broken)
    with pytest.raises(PublishingFailed):
        publish_statement(statement=approved_statement, actor=steering)
    client.force_login(steering)
    page = client.post(
        reverse("statement_publish", args=[approved_statement.report.slug]), follow=True
    )
    assert "nothing was published" in page.content.decode()
    assert "the font file is missing" in page.content.decode()
    assert not Publication.objects.exists()
    assert not AuditEvent.objects.filter(verb="statement.published").exists()


def test_publishing_emails_steering_and_regional_leads_once_after_commit(
    approved_statement, steering, second_steering, lead, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish_statement(statement=approved_statement, actor=steering)
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([steering.email, second_steering.email, lead.email])
    assert member.email not in recipients


def test_steering_member_publishes_from_the_overview(client, approved_statement, steering):
    client.force_login(steering)
    result = client.post(reverse("statement_publish", args=[approved_statement.report.slug]))
    publication = Publication.objects.get()
    assert result.url == publication.get_absolute_url()


def test_the_overview_warns_before_publishing_items_with_no_position(
    client, statement, steering, second_steering
):
    """Approval is the gate, but a statement saying "No position yet" on an item is
    worth a second look: the overview says which, beside the Publish button."""
    for section in statement.sections.all():
        stance = Stance.NO_POSITION if section.order == 2 else Stance.AGREE
        factories.draft(section, APPROVED_TEXTS[section.order], stance, author=steering)
    factories.approve_everything(statement, approvers=[steering, second_steering])
    client.force_login(steering)
    page = client.get(reverse("statement_overview", args=[statement.report.slug]))
    text = page.content.decode()
    assert "Publish the statement" in text
    assert "1 item of the statement still says “No position yet”" in text
    assert statement.sections.get(order=2).heading in text.split("still says")[1][:400]


def test_public_page_needs_no_sign_in_and_escapes_user_text(
    client, statement, steering, second_steering
):
    for section in statement.sections.all():
        factories.draft(section, "<script>alert(1)</script> **Plain** words.", author=steering)
    factories.approve_everything(statement, approvers=[steering, second_steering])
    publish_statement(statement=statement, actor=steering)
    page = client.get(reverse("statement_latest", args=[statement.report.slug])).content.decode()
    assert "<strong>Plain</strong>" in page
    assert "<script>alert" not in page


def test_an_unpublished_statement_has_no_public_page(client, statement):
    assert client.get(reverse("statement_latest", args=[statement.report.slug])).status_code == 404


def test_the_public_index_lists_each_published_statement_once_at_its_latest_version(
    client, approved_statement, steering, second_steering, national, django_assert_num_queries
):
    index = reverse("statement_index")
    assert "Nothing has been published yet." in client.get(index).content.decode()
    publish_statement(statement=approved_statement, actor=steering)
    factories.publish(approved_statement, approvers=[steering, second_steering])
    draft_only = factories.make_report(items=1, title="A report still being answered")
    factories.make_response(draft_only, national, author=steering)
    with django_assert_num_queries(1):
        page = client.get(index).content.decode()
    report = approved_statement.report
    assert page.count(f"Our response to {report.title}") == 1
    assert "Version 2, published" in page and "Version 1" not in page
    assert reverse("statement_version", args=[report.slug, 2]) in page
    assert reverse("statement_pdf", args=[report.slug, 2]) in page
    assert "A report still being answered" not in page


def test_publishing_needs_a_steering_member(client, approved_statement, admin_user):
    client.force_login(admin_user)
    assert (
        client.post(reverse("statement_publish", args=[approved_statement.report.slug])).status_code
        == 403
    )
    assert not Publication.objects.exists()
    assert publishing.latest_publication(approved_statement.report) is None


def test_the_public_page_lists_where_assembled_points_came_from(
    client, report, statement, steering, second_steering, regional_response, member
):
    from responses.models import Stance
    from responses.workspace import assemble_starting_draft

    item_section = regional_response.sections.get(order=1)
    factories.draft(
        item_section, "Families must help write the national vision.", Stance.AGREE, author=member
    )
    assemble_starting_draft(
        report=report,
        forum=statement.forum,
        item=item_section.item,
        base_revision_id=None,
        actor=steering,
    )
    factories.approve_everything(statement, approvers=[steering, second_steering])
    publish_statement(statement=statement, actor=steering)
    page = client.get(reverse("statement_latest", args=[report.slug])).content.decode()
    annex = page[page.index("Annex: where our points came from") :]
    assert "Families must help write the national vision." in annex
    assert "From London." in annex


def test_the_annex_reads_the_published_words_and_leaves_the_sections_as_they_are(
    client, report, statement, steering, second_steering, regional_response, member
):
    from responses.workspace import assemble_starting_draft

    item_section = regional_response.sections.get(order=1)
    factories.draft(item_section, "Families must help write the national vision.", author=member)
    assemble_starting_draft(
        report=report,
        forum=statement.forum,
        item=item_section.item,
        base_revision_id=None,
        actor=steering,
    )
    publication = factories.publish(statement, approvers=[steering, second_steering])
    national_section = statement.sections.get(item=item_section.item)
    later = factories.draft(national_section, "Words of our own, saved since.", author=steering)

    entries = publishing.published_entries(publication)
    annex = publishing.published_provenance(entries)
    [(section, paragraphs)] = annex
    assert any(p.text.startswith("Families must help write") and p.sources for p in paragraphs)
    # Reading the published words does not pass them off as the section's latest.
    assert section.latest_revision_id == later.pk
    page = client.get(reverse("statement_latest", args=[report.slug])).content.decode()
    assert "Words of our own, saved since." not in page


# While the PDF is being made --------------------------------------------------------


def _while_rendering(monkeypatch, meanwhile):
    """Make every statement PDF call `meanwhile()` first, as if it happened during the
    seconds a long statement takes to render."""
    render = pdf.render_response_pdf

    def rendering(*args, **kwargs):
        meanwhile()
        return render(*args, **kwargs)

    monkeypatch.setattr("responses.pdf.render_response_pdf", rendering)


def _stored_pdfs(settings) -> list[Path]:
    return sorted((Path(settings.MEDIA_ROOT) / "publications").glob("*"))


@pytest.mark.django_db(transaction=True)
def test_a_section_saves_at_once_while_the_statement_pdf_is_made(
    approved_statement, steering, monkeypatch
):
    rendering, released = threading.Event(), threading.Event()
    seen = {}

    def held_render():
        seen["in_transaction"] = connection.in_atomic_block
        rendering.set()
        released.wait(timeout=30)

    _while_rendering(monkeypatch, held_render)

    def publish():
        try:
            publish_statement(statement=approved_statement, actor=steering)
        except Exception as error:  # noqa: BLE001 - checked below
            seen["error"] = error
        finally:
            connection.close()

    publisher = threading.Thread(target=publish)
    publisher.start()
    assert rendering.wait(timeout=10)
    # Were the render to hold a lock the save needs, the save would wait for it: let
    # the render go after a while, so that this test fails instead of hanging.
    letting_go = threading.Timer(5, released.set)
    letting_go.start()
    section = approved_statement.sections.get(order=1)
    try:
        outcome = save_section(
            section=section,
            text="Families must help write the national vision, and review it.",
            stance=Stance.AGREE,
            base_revision_id=section.latest_revision_id,
            actor=steering,
        )
        saved_while_rendering = not released.is_set()
    finally:
        released.set()
        letting_go.cancel()
        publisher.join(timeout=30)
    assert saved_while_rendering
    assert outcome.status == "saved"
    assert seen["in_transaction"] is False
    # The save changed the approved text the PDF was being made from.
    assert isinstance(seen["error"], ChangedWhilePublishing)
    assert not Publication.objects.exists()


def test_a_section_edited_while_the_pdf_is_made_stops_the_publication(
    client, approved_statement, steering, monkeypatch, settings
):
    section = approved_statement.sections.get(order=2)
    _while_rendering(
        monkeypatch,
        lambda: factories.draft(section, "A framework must never ration.", author=steering),
    )
    client.force_login(steering)
    page = client.post(
        reverse("statement_publish", args=[approved_statement.report.slug]), follow=True
    ).content.decode()
    assert "these sections were edited, so nothing was published" in page
    assert escape(section.heading) in page
    assert not Publication.objects.exists()
    assert not AuditEvent.objects.filter(verb="statement.published").exists()
    assert _stored_pdfs(settings) == []


def test_an_approval_withdrawn_while_the_pdf_is_made_stops_the_publication(
    approved_statement, steering, monkeypatch, settings
):
    section = approved_statement.sections.get(order=3)
    _while_rendering(monkeypatch, lambda: withdraw_approval(section=section, actor=steering))
    with pytest.raises(NotReadyToPublish, match=re.escape(section.heading)):
        publish_statement(statement=approved_statement, actor=steering)
    assert not Publication.objects.exists()
    assert _stored_pdfs(settings) == []


def _someone_else_publishes_first(monkeypatch, statement, publisher) -> list[Publication]:
    """While the first PDF is made, `publisher` publishes the statement from start to
    end; the list holds their publication afterwards."""
    others = []

    def someone_else_publishes():
        if not others:
            others.append("publishing")  # their own PDF is made without this detour
            others[0] = publish_statement(statement=statement, actor=publisher)

    _while_rendering(monkeypatch, someone_else_publishes)
    return others


def test_a_version_published_while_the_pdf_is_made_is_not_taken_twice(
    approved_statement, steering, second_steering, monkeypatch, settings
):
    others = _someone_else_publishes_first(monkeypatch, approved_statement, second_steering)
    ours = publish_statement(statement=approved_statement, actor=steering)
    theirs = others[0]
    assert (theirs.version, ours.version) == (1, 2)
    assert read(ours.pdf.read()).metadata["/version"] == "2"
    assert read(theirs.pdf.read()).metadata["/version"] == "1"
    # The PDF first made for version 1 is not left behind.
    assert [path.name for path in _stored_pdfs(settings)] == [
        Path(theirs.pdf.name).name,
        Path(ours.pdf.name).name,
    ]


def test_publishing_gives_up_when_others_keep_taking_the_next_version(
    approved_statement, steering, second_steering, monkeypatch, settings
):
    monkeypatch.setattr(publishing, "PUBLISH_ATTEMPTS", 1)
    others = _someone_else_publishes_first(monkeypatch, approved_statement, second_steering)
    with pytest.raises(PublishingFailed, match="Others were publishing"):
        publish_statement(statement=approved_statement, actor=steering)
    assert Publication.objects.get() == others[0]
    assert [path.name for path in _stored_pdfs(settings)] == [Path(others[0].pdf.name).name]
