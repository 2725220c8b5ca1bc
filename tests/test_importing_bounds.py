"""Reading an upload is bounded: linear in the document's size, done in a child process
stopped past its time and memory, and a request too large for any page is answered with
the product's own page, unread. In every refusal nothing is stored."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from responses.importing.reading import (
    UnreadableDocument,
    read_aside,
    read_document,
)
from responses.models import Report, ReportImport

from . import documents

MB = 1024 * 1024


def upload(client, data: bytes, filename: str):
    return client.post(reverse("import_start"), {"document": SimpleUploadedFile(filename, data)})


def _memorandum(paragraphs: int) -> bytes:
    outline = [("title", "A long memorandum")]
    for n in range(1, paragraphs + 1):
        style = "h2" if n % 10 == 1 else ("bullet" if n % 10 == 5 else "p")
        outline.append((style, f"{n}. Point {n} of the memorandum"))
    return documents.as_docx(outline)


def test_a_word_files_styles_are_looked_up_a_fixed_number_of_times(monkeypatch):
    """python-docx finds a paragraph's style by scanning every style: asked for each
    paragraph, reading was quadratic (20,000 paragraphs took 50 s). The look-ups must
    not grow with the number of paragraphs."""
    from docx.oxml.styles import CT_Styles

    looked_up = []
    by_id = CT_Styles.get_by_id
    monkeypatch.setattr(
        CT_Styles, "get_by_id", lambda self, *a: looked_up.append(a) or by_id(self, *a)
    )

    def lookups(paragraphs: int) -> int:
        looked_up.clear()
        blocks = read_document(_memorandum(paragraphs), "memorandum.docx")
        assert len(blocks) == paragraphs + 1
        return len(looked_up)

    assert lookups(50) == lookups(500)


def test_the_styles_read_once_still_give_headings_bullets_and_bold():
    blocks = read_document(
        documents.as_docx(
            [("title", "A report"), ("h2", "Funding"), ("bullet", "One"), ("bold", "Early help")]
        ),
        "r.docx",
    )
    assert [(b.heading_level, b.bullet, b.bold) for b in blocks] == [
        (1, False, False),
        (3, False, False),
        (None, True, False),
        (None, False, True),
    ]


def test_reading_in_the_child_gives_what_reading_here_gives():
    data = _memorandum(200)
    assert read_aside(data, "memorandum.docx") == read_document(data, "memorandum.docx")


def test_a_refusal_in_the_child_comes_back_with_its_message():
    with pytest.raises(UnreadableDocument, match="Old Word files"):
        read_aside(b"text", "report.doc")
    with pytest.raises(UnreadableDocument, match="holds a PDF"):
        read_aside(b"%PDF-1.7\n" + bytes(100), "report.docx")


def test_a_word_file_that_unpacks_to_150_mb_of_text_is_refused_unread(client, steering):
    bomb = documents.word_bomb(150)
    assert len(bomb) < MB  # the size of the file met in use: 640 KB
    client.force_login(steering)
    page = upload(client, bomb, "memorandum.docx").content.decode()
    assert "text and layout unpack to 150 MB, more than the 60 MB" in page
    assert not ReportImport.objects.exists() and not Report.objects.exists()


def test_a_reading_that_needs_more_memory_than_it_may_is_stopped(client, steering, settings):
    settings.IMPORT_READ_MEMORY = 256 * MB  # the reader holds about 130 MB at its start
    client.force_login(steering)
    page = upload(client, documents.word_bomb(50), "memorandum.docx").content.decode()
    assert "The file needed more than 256 MB of memory to read" in page
    assert "nothing was saved" in page
    assert not ReportImport.objects.exists() and not Report.objects.exists()


def test_a_reading_that_takes_too_long_is_stopped(client, steering, settings):
    settings.IMPORT_READ_SECONDS = 0.2  # reading 20 MB of text takes seconds
    client.force_login(steering)
    page = upload(client, documents.word_bomb(20), "memorandum.docx").content.decode()
    assert "The file took longer than 0.2 seconds to read" in page
    assert not ReportImport.objects.exists() and not Report.objects.exists()


def test_a_reader_that_cannot_start_is_reported(client, steering, monkeypatch):
    from responses import aside

    def no_more_processes(self):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(aside.forkserver().Process, "start", no_more_processes)
    client.force_login(steering)
    page = upload(client, _memorandum(5), "memorandum.docx").content.decode()
    assert "The file could not be read just now. Try again in a minute" in page
    assert not ReportImport.objects.exists()


def test_a_request_over_the_upload_size_gets_the_products_page_unread(client, steering, settings):
    settings.MAX_REQUEST_BYTES = 4096
    client.force_login(steering)
    page = upload(client, b"Question 1: Why?\n" * 400, "report.txt")
    assert page.status_code == 413
    text = page.content.decode()
    assert "That was too large to send" in text and "nothing was saved" in text
    assert "A report’s file can be up to 20 MB" in text
    assert '<html lang="en' in text and "Back to the dashboard" in text
    assert not ReportImport.objects.exists()


def test_pasted_text_past_what_a_request_may_hold_gets_the_same_page(client, steering, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2048
    client.force_login(steering)
    page = client.post(reverse("import_start"), {"text": "Question 1: Why?\n" * 400})
    assert page.status_code == 413
    assert "That was too large to send" in page.content.decode()
    assert not ReportImport.objects.exists()


def test_other_requests_django_refuses_to_read_get_the_products_page(client, steering):
    client.force_login(steering)
    page = client.get(reverse("dashboard"), headers={"host": "evil.example"})
    assert page.status_code == 400
    assert "Something went wrong with that request" in page.content.decode()


def test_a_document_with_more_text_than_a_report_may_hold_is_refused(client, steering):
    client.force_login(steering)
    page = upload(client, documents.word_bomb(50), "memorandum.docx").content.decode()
    assert "characters of text, more than the 2,000,000 a report may" in page
    assert not ReportImport.objects.exists()
