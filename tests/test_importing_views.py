"""Importing a report through its pages: upload or paste, check, edit, create."""

import datetime
import re
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from responses.importing.outline import Outline
from responses.models import AuditEvent, Item, Part, Report, ReportImport

from . import documents, factories


def upload(client, data: bytes, filename: str):
    document = SimpleUploadedFile(filename, data)
    return client.post(reverse("import_start"), {"document": document})


def details(**overrides):
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    return {
        "title": "Towards an effective SEND system",
        "publisher": "LGA – CCN",
        "source_url": "example.org/report",
        "published_on": "2024-07-01",
        "response_deadline": deadline.isoformat(),
        "approval_quorum": "2",
        **overrides,
    }


def outline_of(report_import) -> Outline:
    report_import.refresh_from_db()
    return Outline.from_json(report_import.outline)


def test_dashboard_offers_the_import_to_steering_and_not_to_members(client, steering, member):
    client.force_login(steering)
    assert reverse("import_start") in client.get(reverse("dashboard")).content.decode()
    client.force_login(member)
    assert reverse("import_start") not in client.get(reverse("dashboard")).content.decode()


def test_steering_uploads_a_word_file_and_sees_the_preview_before_anything_is_saved(
    client, steering
):
    client.force_login(steering)
    result = upload(client, documents.as_docx(documents.RECOMMENDATIONS_IN_TWO_PARTS), "r.docx")
    report_import = ReportImport.objects.get(owner=steering)
    assert result.url == reverse("import_preview", args=[report_import.pk])
    page = client.get(result.url).content.decode()
    assert "Part 1: Early help" in page and "Part 2: Specialist provision" in page
    assert "Recommendation 8: Specialist theme 8" in page
    assert "The government should fund theme 8." in page
    assert 'value="Towards an effective SEND system"' in page
    assert not Report.objects.exists() and not Item.objects.exists()


def test_confirming_creates_the_report_with_its_parts_and_items_on_the_record(client, admin_user):
    client.force_login(admin_user)
    upload(client, documents.as_pdf(documents.RECOMMENDATIONS_IN_TWO_PARTS), "r.pdf")
    report_import = ReportImport.objects.get()
    result = client.post(reverse("import_confirm", args=[report_import.pk]), details())
    report = Report.objects.get()
    assert result.url == report.get_absolute_url()
    assert (report.publisher, report.source_url) == ("LGA – CCN", "https://example.org/report")
    assert report.slug == "towards-an-effective-send-system"
    assert [str(part) for part in report.parts.all()] == [
        "Part 1: Early help",
        "Part 2: Specialist provision",
    ]
    items = list(report.items.select_related("part"))
    assert [item.heading for item in items][:2] == [
        "Recommendation 1: Early help theme 1",
        "Recommendation 2: Early help theme 2",
    ]
    assert [item.order for item in items] == list(range(1, 9))
    assert [item.part.label for item in items] == ["Part 1"] * 4 + ["Part 2"] * 4
    event = AuditEvent.objects.get(verb="report.created")
    assert (event.actor, event.report, event.data["items"]) == (admin_user, report, 8)
    page = client.get(result.url).content.decode()
    assert "Recommendation 5: Specialist theme 5" in page


def test_pasted_non_ascii_text_survives_exactly_into_the_report(client, steering):
    client.force_login(steering)
    text = f"Recommendation 1: {documents.NON_ASCII}\n\n“Naïve” café – façade.\n"
    client.post(reverse("import_start"), {"text": text})
    report_import = ReportImport.objects.get()
    client.post(reverse("import_confirm", args=[report_import.pk]), details(title="Zoë’s report"))
    item = Item.objects.get()
    assert (item.title, item.text) == (documents.NON_ASCII, "“Naïve” café – façade.")
    assert Report.objects.get().title == "Zoë’s report"


def test_edits_in_the_preview_shape_the_report(client, admin_user, report_import):
    client.force_login(admin_user)
    change = reverse("import_item_change", args=[report_import.pk, 3])
    # Items: 1 the key finding, 2 and 3 the recommendations.
    client.post(
        reverse("import_item", args=[report_import.pk, 1]),
        {"title": "Findings – renamed", "number": "", "kind": "finding"},
    )
    assert client.post(change, {"action": "merge"}).url.endswith("#item-2")
    client.post(
        reverse("import_item", args=[report_import.pk, 2]),
        {"title": "Vision", "number": "1", "kind": "question"},
    )
    client.post(
        reverse("import_item_change", args=[report_import.pk, 2]),
        {"action": "split", "paragraph": "1"},
    )
    client.post(reverse("import_item_change", args=[report_import.pk, 1]), {"action": "drop"})
    assert not Item.objects.exists()
    client.post(reverse("import_confirm", args=[report_import.pk]), details())
    items = list(Report.objects.get().items.all())
    assert [(i.kind, i.number, i.title) for i in items] == [
        ("question", "1", "Vision"),
        ("question", "2", "A national framework"),
    ]
    assert items[0].text == "Set a national vision for SEND."
    assert items[1].text == "Describe needs and the support expected for them."


def test_details_typed_before_dropping_or_opening_an_item_are_still_filled_in(
    client, admin_user, report_import
):
    """The preview's item buttons belong to the details form: what was typed in it
    goes with them and comes back, until the report is created."""
    client.force_login(admin_user)
    preview = reverse("import_preview", args=[report_import.pk])
    assert 'form="import-details"' in client.get(preview).content.decode()
    typed = {"publisher": "LGA, CCN and ISOS Partnership", "source_url": "example.org/send"}
    change = reverse("import_item_change", args=[report_import.pk, 2])
    client.post(change, {"action": "drop", **typed})
    page = client.get(preview).content.decode()
    assert 'value="LGA, CCN and ISOS Partnership"' in page
    assert 'value="example.org/send"' in page
    opened = client.post(change, {"action": "edit", "publisher": "ISOS Partnership"})
    assert opened.url == reverse("import_item", args=[report_import.pk, 2])
    assert 'value="ISOS Partnership"' in client.get(preview).content.decode()
    client.post(reverse("import_confirm", args=[report_import.pk]), details())
    assert "import-details-" not in "".join(client.session.keys())


def test_a_dropped_item_can_be_put_back(client, admin_user, report_import):
    client.force_login(admin_user)
    change = reverse("import_item_change", args=[report_import.pk, 2])
    client.post(change, {"action": "drop"})
    assert [i.key for i in outline_of(report_import).kept_items()] == [1, 3]
    page = client.get(reverse("import_preview", args=[report_import.pk])).content.decode()
    assert "Dropped" in page and "Put back" in page
    client.post(change, {"action": "restore"})
    assert [i.key for i in outline_of(report_import).kept_items()] == [1, 2, 3]


def test_the_item_page_offers_a_split_at_each_paragraph(client, admin_user, report_import):
    client.force_login(admin_user)
    page = client.get(reverse("import_item", args=[report_import.pk, 2])).content.decode()
    assert "Set a national vision for SEND." in page
    assert page.count('name="action" value="split"') == 1


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "report.docx", "The submitted file is empty."),
        (documents.as_pdf(documents.QUESTION_HEADINGS), "report.docx", "but it holds a PDF"),
        (b"%PDF-1.7\nbroken", "report.pdf", "The PDF is damaged"),
    ],
)
def test_bad_files_get_a_clear_message_and_create_nothing(
    client, steering, data, filename, message
):
    client.force_login(steering)
    result = upload(client, data, filename)
    assert result.status_code == 200
    # Announced as the page arrives, and linked to the field it is about.
    summary = re.search(r'<div [^>]*role="alert">(.*?)</div>', result.content.decode(), re.S)
    assert summary and message in summary.group(1) and 'href="#id_document"' in summary.group(1)
    assert not ReportImport.objects.exists() and not Report.objects.exists()


def test_a_pdf_over_the_page_limit_is_refused_quickly_before_its_text_is_read(client, steering):
    long_report = documents.as_long_pdf(500)  # reading its text would take seconds
    client.force_login(steering)

    started = time.monotonic()
    result = upload(client, long_report, "report.pdf")
    elapsed = time.monotonic() - started

    assert elapsed < 1
    assert "The PDF has 500 pages, more than the limit of 300 pages." in result.content.decode()
    assert not ReportImport.objects.exists() and not Report.objects.exists()


def test_uploading_and_pasting_at_once_is_refused(client, steering):
    client.force_login(steering)
    document = SimpleUploadedFile("r.txt", b"Question 1: Why?")
    result = client.post(reverse("import_start"), {"document": document, "text": "Q1. Why?"})
    assert "not both" in result.content.decode()
    assert not ReportImport.objects.exists()


def test_a_document_without_items_can_be_kept_as_one_item(client, steering):
    client.force_login(steering)
    client.post(reverse("import_start"), {"text": "A short note.\n\nWith two paragraphs.\n"})
    report_import = ReportImport.objects.get()
    page = client.get(reverse("import_preview", args=[report_import.pk])).content.decode()
    assert "No items were found" in page
    client.post(reverse("import_whole", args=[report_import.pk]))
    client.post(reverse("import_confirm", args=[report_import.pk]), details())
    item = Item.objects.get()
    assert (item.title, item.text) == ("A short note", "A short note.\n\nWith two paragraphs.")


def test_confirming_twice_creates_one_report(client, admin_user, report_import):
    client.force_login(admin_user)
    url = reverse("import_confirm", args=[report_import.pk])
    first, second = client.post(url, details()), client.post(url, details())
    assert first.url == second.url
    assert Report.objects.count() == 1 and Part.objects.count() == 2
    preview = client.get(reverse("import_preview", args=[report_import.pk]))
    assert preview.url == Report.objects.get().get_absolute_url()


def test_bad_details_or_no_kept_items_create_nothing(client, admin_user, report_import):
    client.force_login(admin_user)
    url = reverse("import_confirm", args=[report_import.pk])
    result = client.post(url, details(response_deadline="2001-01-01", approval_quorum="0"))
    page = result.content.decode()
    assert "The response deadline has already passed." in page
    assert "Ensure this value is greater than or equal to 1." in page
    for key in (1, 2, 3):
        client.post(reverse("import_item_change", args=[report_import.pk, key]), {"action": "drop"})
    result = client.post(url, details())
    assert "Keep at least one item" in result.content.decode()
    assert not Report.objects.exists() and not AuditEvent.objects.exists()


def test_a_second_report_with_the_same_title_gets_its_own_slug(client, admin_user):
    client.force_login(admin_user)
    for _ in range(2):
        report_import = factories.make_report_import(admin_user)
        client.post(reverse("import_confirm", args=[report_import.pk]), details())
    assert sorted(Report.objects.values_list("slug", flat=True)) == [
        "towards-an-effective-send-system",
        "towards-an-effective-send-system-2",
    ]


def test_someone_elses_import_is_not_found_and_unchanged(client, steering, report_import):
    client.force_login(steering)
    before = outline_of(report_import)
    for name, data in [
        ("import_item_change", {"action": "drop"}),
        ("import_item", {"title": "Taken", "number": "", "kind": "other"}),
    ]:
        result = client.post(reverse(name, args=[report_import.pk, 1]), data)
        assert result.status_code == 404
    result = client.post(reverse("import_confirm", args=[report_import.pk]), details())
    assert result.status_code == 404
    assert outline_of(report_import) == before
    assert not Report.objects.exists()


def test_the_import_needs_no_session_or_process_memory_between_steps(admin_user):
    """Two browsers (as two application processes would) share only the database."""
    first, second = Client(), Client()
    first.force_login(admin_user)
    second.force_login(admin_user)
    first.post(reverse("import_start"), {"text": factories.SAMPLE_REPORT_TEXT})
    report_import = ReportImport.objects.get()
    second.post(reverse("import_item_change", args=[report_import.pk, 3]), {"action": "drop"})
    first.post(reverse("import_confirm", args=[report_import.pk]), details())
    assert Report.objects.get().items.count() == 2


def test_discarding_an_import_saves_nothing(client, admin_user, report_import):
    client.force_login(admin_user)
    result = client.post(reverse("import_discard", args=[report_import.pk]))
    assert result.url == reverse("import_start")
    assert not ReportImport.objects.exists() and not Report.objects.exists()


def test_the_preview_takes_as_many_queries_for_53_items_as_for_3(client, admin_user):
    client.force_login(admin_user)
    small = factories.make_report_import(admin_user)
    large = factories.make_report_import(
        admin_user, documents.as_text(documents.fifty_two_questions())
    )
    counts = []
    for report_import in (small, large):
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("import_preview", args=[report_import.pk]))
        assert page.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert "Question 10a: If not, what would you change?" in page.content.decode()
