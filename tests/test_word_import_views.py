"""Bringing in a response drafted in Word: upload, preview, changes, confirm, and every
way it must refuse without storing a word."""

import io
import socket
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from responses.drafting import submit_response
from responses.importing.reading import read_document
from responses.models import AuditEvent, AuditVerb, Revision, RevisionKind, Role, Stance

from . import documents, factories

DOCUMENT = [
    ("title", "London region's response"),
    ("p", "We are the parent carer forums of London."),
    ("h1", "Recommendation 1: Recommendation title 1"),
    ("p", "We agree with this recommendation."),
    ("h1", "Recommendation 2"),
    ("p", "We do not agree. It leaves families out."),
    ("bold", "Recommendation title 3"),
    ("p", "We agree, but we have concerns about funding."),
    ("h1", "Conclusion"),
    ("p", "Thank you for listening."),
]


def _upload(client, response, data: bytes, name: str = "london.docx"):
    return client.post(
        reverse("response_bring_in", kwargs={"pk": response.pk}),
        {"document": SimpleUploadedFile(name, data)},
    )


def _preview_url(response) -> str:
    return reverse("response_bring_in_preview", kwargs={"pk": response.pk})


def _confirm_url(response) -> str:
    return reverse("response_bring_in_confirm", kwargs={"pk": response.pk})


def _plan(client, response) -> dict:
    return client.session[f"word-import-{response.pk}"]


def _piece(client, response, starting: str) -> dict:
    return next(p for p in _plan(client, response)["pieces"] if p["text"].startswith(starting))


def _choices(client, response, **changes) -> dict:
    """The preview's form as the page posts it: every piece where it is now."""
    plan = _plan(client, response)
    data = {f"piece-{p['key']}": p["section"] or "" for p in plan["pieces"]}
    data.update(changes)
    return data


def _section(response, order):
    return response.sections.select_related("latest_revision__author").get(order=order)


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def uploaded(signed_in, regional_response):
    page = _upload(signed_in, regional_response, documents.as_docx(DOCUMENT))
    assert page.status_code == 302 and page.url == _preview_url(regional_response)
    return signed_in


# The way through --------------------------------------------------------------------------


def test_the_response_page_offers_bringing_in_to_those_who_edit_it(
    client, member, steering, regional_response
):
    link = reverse("response_bring_in", kwargs={"pk": regional_response.pk})
    client.force_login(member)
    assert link in client.get(regional_response.get_absolute_url()).content.decode()
    client.force_login(steering)
    assert link not in client.get(regional_response.get_absolute_url()).content.decode()


def test_the_preview_shows_where_each_text_goes_and_the_stance_found(uploaded, regional_response):
    revisions = Revision.objects.count()
    page = uploaded.get(_preview_url(regional_response)).content.decode()
    assert "We are the parent carer forums of London." in page
    assert "Your text says “We agree”, so we suggest <strong>Agrees</strong>" in page
    assert "so we suggest <strong>Disagrees</strong>" in page
    assert "so we suggest <strong>Agrees with concerns</strong>" in page
    assert 'value="agree" aria-describedby' in page  # each item's own choice
    assert "<strong>0</strong> words left out" in page
    # Nothing is stored before the user confirms.
    assert Revision.objects.count() == revisions
    assert not AuditEvent.objects.filter(verb=AuditVerb.RESPONSE_BROUGHT_IN).exists()


def test_upload_move_leave_out_and_confirm_saves_one_revision_per_section(
    uploaded, regional_response, member
):
    intro, first, second, third = (_section(regional_response, n) for n in range(4))
    conclusion = regional_response.sections.get(kind="conclusion")
    # Move the conclusion's text to recommendation 3; leave the document's title out.
    thanks = _piece(uploaded, regional_response, "Thank you")
    title = _piece(uploaded, regional_response, "### London")
    changes = {f"piece-{thanks['key']}": third.pk}
    uploaded.post(_preview_url(regional_response), _choices(uploaded, regional_response, **changes))
    uploaded.post(
        _preview_url(regional_response),
        _choices(uploaded, regional_response, leave_out=title["key"]),
    )
    page = uploaded.get(_preview_url(regional_response)).content.decode()
    assert "<strong>3</strong> words left out" in page
    # The user changes recommendation 2's stance and confirms.
    data = _choices(uploaded, regional_response, **{f"stance-{second.pk}": Stance.AGREE})
    done = uploaded.post(_confirm_url(regional_response), data)
    assert done.status_code == 200
    assert "Your response is brought in" in done.content.decode()

    for section in (intro, first, second, third):
        section.refresh_from_db()
        revisions = list(section.revisions.all())
        assert len(revisions) == 1
        assert revisions[0].author == member
        assert revisions[0].kind == RevisionKind.IMPORTED
    assert intro.text == "We are the parent carer forums of London."
    assert (first.text, first.stance) == ("We agree with this recommendation.", Stance.AGREE)
    assert second.stance == Stance.AGREE  # as the user chose, not as found
    assert third.text == (
        "We agree, but we have concerns about funding.\n\nThank you for listening."
    )
    assert third.stance == Stance.AGREE_WITH_CONCERNS
    assert conclusion.revisions.count() == 0  # its text went elsewhere: untouched
    event = AuditEvent.objects.get(verb=AuditVerb.RESPONSE_BROUGHT_IN)
    assert event.actor == member and event.target_id == str(regional_response.pk)
    assert event.data["words_left_out"] == 3
    # The plan is gone: confirming again stores nothing more.
    assert f"word-import-{regional_response.pk}" not in uploaded.session
    again = uploaded.post(_confirm_url(regional_response), data)
    assert again.status_code == 302
    assert Revision.objects.filter(section__response=regional_response).count() == 4


def test_the_history_shows_the_import_with_its_author(uploaded, regional_response):
    uploaded.post(_confirm_url(regional_response), _choices(uploaded, regional_response))
    section = _section(regional_response, 1)
    page = uploaded.get(reverse("section_history", kwargs={"pk": section.pk})).content.decode()
    assert page.count("Brought in from a document drafted offline") == 1
    assert "<td>Mo</td>" in page


def test_pasted_text_is_brought_in_as_a_file_is(signed_in, regional_response):
    text = "Recommendation 2\n\nWe strongly disagree.\n\nQ3\n\nWe support this."
    url = reverse("response_bring_in", kwargs={"pk": regional_response.pk})
    assert signed_in.post(url, {"text": text}).status_code == 302
    signed_in.post(_confirm_url(regional_response), _choices(signed_in, regional_response))
    second, third = _section(regional_response, 2), _section(regional_response, 3)
    assert (second.text, second.stance) == ("We strongly disagree.", Stance.DISAGREE)
    assert (third.text, third.stance) == ("We support this.", Stance.AGREE)


def test_a_section_with_text_gets_the_document_after_it_unless_replaced(
    signed_in, regional_response, member
):
    first, second = _section(regional_response, 1), _section(regional_response, 2)
    factories.draft(first, "Typed earlier.", Stance.AGREE, author=member)
    factories.draft(second, "Old words.", Stance.DISAGREE, author=member)
    _upload(signed_in, regional_response, documents.as_docx(DOCUMENT))
    page = signed_in.get(_preview_url(regional_response)).content.decode()
    assert "This section already has 2 words" in page
    data = _choices(signed_in, regional_response, **{f"mode-{second.pk}": "replace"})
    signed_in.post(_confirm_url(regional_response), data)
    first.refresh_from_db(), second.refresh_from_db()
    assert first.latest_revision.text == "Typed earlier.\n\nWe agree with this recommendation."
    assert second.latest_revision.text == "We do not agree. It leaves families out."
    assert second.revisions.filter(text="Old words.").exists()  # still in its history


def test_discarding_the_preview_stores_nothing(uploaded, regional_response):
    revisions = Revision.objects.count()
    page = uploaded.post(_preview_url(regional_response), {"discard": "1"})
    assert page.url == regional_response.get_absolute_url()
    assert f"word-import-{regional_response.pk}" not in uploaded.session
    assert Revision.objects.count() == revisions


def test_text_not_placed_must_be_placed_or_left_out_before_confirming(uploaded, regional_response):
    intro = _piece(uploaded, regional_response, "We are the")
    data = _choices(uploaded, regional_response, **{f"piece-{intro['key']}": ""})
    uploaded.post(_preview_url(regional_response), data)
    page = uploaded.get(_preview_url(regional_response)).content.decode()
    assert "Not placed yet" in page and "not placed yet</li>" in page
    refused = uploaded.post(_confirm_url(regional_response), data, follow=True)
    assert "Nothing was saved. Some text is not placed yet" in refused.content.decode()
    assert not Revision.objects.filter(section__response=regional_response).exists()
    # Left out, it no longer holds the import up.
    uploaded.post(_confirm_url(regional_response), {**data, "leave_out": intro["key"]})
    assert "We are the" not in _section(regional_response, 0).text
    assert _section(regional_response, 1).revisions.count() == 1


def test_a_section_over_the_word_limit_is_refused_and_nothing_stored(
    signed_in, regional_response, monkeypatch
):
    monkeypatch.setattr("responses.drafting.MAX_WORDS", 5)
    _upload(signed_in, regional_response, documents.as_docx(DOCUMENT))
    refused = signed_in.post(
        _confirm_url(regional_response), _choices(signed_in, regional_response), follow=True
    )
    assert "over 5 words" in refused.content.decode()
    assert not Revision.objects.filter(section__response=regional_response).exists()


# Nobody's words lost --------------------------------------------------------------------


def test_text_saved_in_the_browser_after_the_preview_is_merged_not_overwritten(
    uploaded, regional_response, lead
):
    first = _section(regional_response, 1)
    factories.draft(first, "Typed in the browser.", Stance.AGREE, author=lead)
    # The preview was made on the empty section; the lead's text came after it.
    uploaded.post(_confirm_url(regional_response), _choices(uploaded, regional_response))
    first.refresh_from_db()
    versions = [r.text for r in first.revisions.all()]
    assert "Typed in the browser." in versions
    assert "We agree with this recommendation." in " ".join(versions)


def test_a_merge_keeps_both_edits_of_a_section_that_had_text(
    signed_in, regional_response, member, lead
):
    first = _section(regional_response, 1)
    factories.draft(first, "Our first thoughts. More to come.", Stance.AGREE, author=member)
    _upload(signed_in, regional_response, documents.as_docx(DOCUMENT))
    first.refresh_from_db()
    factories.draft(first, "Our checked thoughts. More to come.", Stance.AGREE, author=lead)
    done = signed_in.post(_confirm_url(regional_response), _choices(signed_in, regional_response))
    assert "merged with changes by Lee" in done.content.decode()
    first.refresh_from_db()
    assert first.text == (
        "Our checked thoughts. More to come.\n\nWe agree with this recommendation."
    )


def test_a_clash_keeps_both_texts_and_links_to_resolving_it(uploaded, regional_response, lead):
    first = _section(regional_response, 1)
    factories.draft(first, "Typed in the browser.", Stance.AGREE, author=lead)
    done = uploaded.post(_confirm_url(regional_response), _choices(uploaded, regional_response))
    first.refresh_from_db()
    assert first.text == "Typed in the browser."  # the lead's text stays the latest
    kept = first.revisions.get(kind=RevisionKind.KEPT)
    assert kept.text == "We agree with this recommendation."
    page = done.content.decode()
    assert "Brought in: 1 section needs you" in page
    link = reverse("section_clash", kwargs={"pk": first.pk, "revision_pk": kept.pk})
    assert f'href="{link}"' in page
    resolve = uploaded.get(link).content.decode()
    assert "Your changes clash with Lee’s" in resolve
    assert "Typed in the browser." in resolve and "We agree with this recommendation." in resolve


def test_a_revision_that_did_not_clash_has_no_clash_page(client, member, regional_response):
    section = _section(regional_response, 1)
    revision = factories.draft(section, "Saved.", author=member)
    client.force_login(member)
    url = reverse("section_clash", kwargs={"pk": section.pk, "revision_pk": revision.pk})
    assert client.get(url).status_code == 404


# Bad input ---------------------------------------------------------------------------


def _zip(**parts: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name.replace("__", "/"), content)
    return buffer.getvalue()


WORD = documents.as_docx(DOCUMENT)
BAD_UPLOADS = {
    "empty": (b"", "london.docx", "file is empty."),
    "over 10 MB": (b"a" * (10 * 1024 * 1024 + 1), "london.docx", "larger than the limit of 10 MB"),
    "password": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), "london.docx", "password"),
    "docm": (WORD, "london.docm", "with macros"),
    "macro project": (
        documents.with_part(WORD, "word/vbaProject.bin", bytes(64)),
        "a.docx",
        "with macros",
    ),
    "random bytes": (bytes(range(256)) * 8, "london.docx", "holds something other than text"),
    "renamed pdf": (b"%PDF-1.7\n" + bytes(200), "london.docx", "holds a PDF"),
    "zip without word": (_zip(notes__txt=b"Hello"), "london.docx", "holds a zip archive"),
    # Zeros pack tightly: a few hundred kilobytes that unpack past ten times 10 MB.
    "zip bomb": (
        lambda: documents.with_part(WORD, "word/media/filler.bin", bytes(101 * 1024 * 1024)),
        "london.docx",
        "unpacks to far more than its size",
    ),
    "other kind": (WORD, "london.odt", "Upload a .docx file"),
    "no heading matches": (
        documents.as_docx([("h1", "Our thoughts"), ("p", "We agree with lots.")]),
        "london.docx",
        "No heading in the document names a section",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_UPLOADS))
def test_bad_uploads_are_refused_with_a_message_and_nothing_stored(
    signed_in, regional_response, case
):
    data, name, message = BAD_UPLOADS[case]
    data = data() if callable(data) else data
    revisions = Revision.objects.count()
    page = _upload(signed_in, regional_response, data, name)
    assert page.status_code == 422
    assert message in page.content.decode()
    assert Revision.objects.count() == revisions
    assert f"word-import-{regional_response.pk}" not in signed_in.session


@pytest.mark.parametrize(
    ("data", "message"),
    [({}, "Choose your Word file, or paste your text."), ({"text": "   "}, "Choose your")],
)
def test_nothing_given_is_refused(signed_in, regional_response, data, message):
    url = reverse("response_bring_in", kwargs={"pk": regional_response.pk})
    page = signed_in.post(url, data)
    assert page.status_code == 422 and message in page.content.decode()


def test_reading_a_word_file_fetches_nothing_it_links_to(signed_in, regional_response, monkeypatch):
    document = docx.Document()
    document.add_heading("Recommendation 1", level=1)
    paragraph = document.add_paragraph("See ")
    part = document.part
    for target in ("http://example.org/tracker.png", "file:///etc/passwd"):
        part.relate_to(target, docx.opc.constants.RELATIONSHIP_TYPE.IMAGE, is_external=True)
    part.relate_to(
        "http://example.org/", docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK, is_external=True
    )
    paragraph.add_run("our website.")
    buffer = io.BytesIO()
    document.save(buffer)

    connect = socket.socket.connect

    def refuse_the_network(self, address):
        # The reader's own child process is reached over a local (Unix) socket.
        if self.family != socket.AF_UNIX:
            raise AssertionError("reading a Word file reached the network")
        return connect(self, address)

    def refuse(*args, **kwargs):
        raise AssertionError("reading a Word file reached the network")

    monkeypatch.setattr(socket.socket, "connect", refuse_the_network)
    monkeypatch.setattr(socket, "create_connection", refuse)
    # Here, as the reader's child reads it, and through the page.
    assert read_document(buffer.getvalue(), "london.docx")
    assert _upload(signed_in, regional_response, buffer.getvalue()).status_code == 302


# Who may --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("outsider", 404), ("other_member", 404), ("steering", 403), ("lead", 200)],
)
def test_only_those_who_edit_the_response_bring_text_in(
    request, client, regional_response, who, status
):
    client.force_login(request.getfixturevalue(who))
    url = reverse("response_bring_in", kwargs={"pk": regional_response.pk})
    assert client.get(url).status_code == status
    posted = client.post(url, {"document": SimpleUploadedFile("a.docx", WORD)})
    assert posted.status_code == (302 if status == 200 else status)


def test_a_local_forum_member_cannot_bring_text_into_their_regions_response(
    client, region, regional_response
):
    local = factories.make_local(region, "Camden")
    client.force_login(factories.make_member(local, Role.MEMBER, username="camden.member"))
    url = reverse("response_bring_in", kwargs={"pk": regional_response.pk})
    assert client.get(url).status_code == 404


def test_a_submitted_response_takes_no_text_in(uploaded, regional_response, lead):
    submit_response(response=regional_response, actor=lead)
    assert uploaded.get(_preview_url(regional_response)).status_code == 403
    refused = uploaded.post(_confirm_url(regional_response), _choices(uploaded, regional_response))
    assert refused.status_code == 403
    assert not Revision.objects.filter(section__response=regional_response).exists()


def test_someone_elses_clash_page_is_refused(uploaded, regional_response, lead, other_member):
    first = _section(regional_response, 1)
    factories.draft(first, "Typed in the browser.", Stance.AGREE, author=lead)
    uploaded.post(_confirm_url(regional_response), _choices(uploaded, regional_response))
    kept = first.revisions.get(kind=RevisionKind.KEPT)
    uploaded.force_login(other_member)
    url = reverse("section_clash", kwargs={"pk": first.pk, "revision_pk": kept.pk})
    assert uploaded.get(url).status_code == 404


# Cost ----------------------------------------------------------------------------------------


def _preview_queries(client, region, member, items: int) -> int:
    report = factories.make_report(items=items)
    response = factories.make_response(report, region, author=member)
    outline = [
        pair
        for n in range(1, items + 1)
        for pair in (("h1", f"Recommendation {n}"), ("p", f"We agree with {n}."))
    ]
    _upload(client, response, documents.as_docx(outline))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_preview_url(response)).status_code == 200
    return len(queries)


def test_the_preview_costs_the_same_queries_whatever_the_number_of_items(signed_in, region, member):
    few = _preview_queries(signed_in, region, member, 3)
    many = _preview_queries(signed_in, region, member, 30)
    assert few == many
    assert many <= 8
