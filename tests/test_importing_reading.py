"""Reading uploaded documents, and refusing the ones that cannot be imported."""

import io
import zipfile

import docx
import pytest
from pypdf import PdfWriter

from responses.importing.reading import (
    MAX_BYTES,
    Block,
    UnreadableDocument,
    _pdf_blocks,
    read_document,
    read_text,
)

from . import documents

DOCX = documents.as_docx(documents.QUESTION_HEADINGS)
PDF = documents.as_pdf(documents.QUESTION_HEADINGS)
TEXT = documents.as_text(documents.QUESTION_HEADINGS).encode()


def refusal(data: bytes, filename: str) -> str:
    with pytest.raises(UnreadableDocument) as refused:
        read_document(data, filename)
    return str(refused.value)


@pytest.mark.parametrize("filename", ["report.txt", "report.md", "report.docx", "report.pdf"])
def test_an_empty_file_is_refused(filename):
    assert refusal(b"", filename) == "The file is empty."


def test_a_file_over_20_mb_is_refused():
    assert "larger than the limit of 20 MB" in refusal(b"a" * (MAX_BYTES + 1), "report.txt")


@pytest.mark.parametrize(
    ("data", "filename", "holds"),
    [
        (PDF, "report.docx", "a PDF"),
        (DOCX, "report.pdf", "a Word document"),
        (PDF, "report.txt", "a PDF"),
        (DOCX, "report.md", "a Word document"),
        (TEXT, "report.pdf", "text"),
        (TEXT, "report.docx", "text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "report.txt", "something other than text"),
    ],
)
def test_a_file_whose_content_does_not_match_its_extension_is_refused(data, filename, holds):
    message = refusal(data, filename)
    assert f"ends in .{filename.rsplit('.', 1)[1]} but it holds {holds}" in message


@pytest.mark.parametrize("filename", ["report.rtf", "report", "report.odt"])
def test_other_kinds_of_file_are_refused(filename):
    assert "Upload a .txt, .md, .docx or .pdf file" in refusal(TEXT, filename)


def test_an_old_word_file_is_refused_with_a_way_forward():
    assert "save it as a .docx" in refusal(b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "report.doc")


def test_an_encrypted_pdf_is_refused():
    writer = PdfWriter(clone_from=io.BytesIO(PDF))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert "The PDF is encrypted" in refusal(buffer.getvalue(), "report.pdf")


def test_a_broken_pdf_is_refused():
    assert "The PDF is damaged" in refusal(b"%PDF-1.7\n1 0 obj << /Type /Catalog", "report.pdf")


def test_a_pdf_without_text_is_refused_as_a_possible_scan():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert "scanned image" in refusal(buffer.getvalue(), "report.pdf")


def test_a_damaged_word_file_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<not-closed")
    assert "The Word file is damaged" in refusal(buffer.getvalue(), "report.docx")


def test_text_that_is_not_utf8_is_refused_rather_than_garbled():
    assert "not in UTF-8" in refusal("Zoë’s report".encode("cp1252"), "report.txt")


def test_utf8_with_a_byte_order_mark_is_read_exactly():
    blocks = read_document("\ufeffZoë’s “report”".encode(), "report.TXT")
    assert blocks[0].text == "Zoë’s “report”"


def test_word_headings_bullets_and_tables_are_read():
    document = docx.Document()
    document.add_heading("Recommendations", level=1)
    document.add_paragraph("Fund transport – properly", style="List Bullet")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "Question 3: In a table?"
    buffer = io.BytesIO()
    document.save(buffer)
    blocks = read_document(buffer.getvalue(), "report.docx")
    assert [(b.text, b.heading_level, b.bullet) for b in blocks] == [
        ("Recommendations", 2, False),
        ("Fund transport – properly", None, True),
        ("Question 3: In a table?", None, False),
    ]


def test_markdown_headings_and_bullets_are_read():
    blocks = read_text("## Part 2: Recommendations ##\n\n* Fund transport\n- Train staff\n")
    assert [(b.text, b.heading_level, b.bullet) for b in blocks] == [
        ("Part 2: Recommendations", 2, False),
        ("Fund transport", None, True),
        ("Train staff", None, True),
    ]


def test_a_wrapped_pdf_bullet_is_read_as_one_bullet():
    long = "Councils should publish transport rules that every family can read and use " * 2
    blocks = read_document(documents.as_pdf([("bullet", long.strip())]), "report.pdf")
    assert [(b.text, b.bullet) for b in blocks] == [(long.strip(), True)]


def test_a_pdf_heading_with_no_space_above_it_in_the_text_is_a_block_of_its_own():
    """The text of a PDF keeps the space above a heading only with some fonts."""
    page = (
        "We found that families want local schools to include them.\n"
        "Recommendations\n"
        "\n"
        "   • Every school should name a trained inclusion lead.\n"
        "\n"
        "Councils told us that transport is often the barrier, and that\n"
        "families should be asked first\n"
        "\n"
    )
    assert _pdf_blocks([page]) == [
        Block("We found that families want local schools to include them.", gap="\n\n"),
        Block("Recommendations", gap="\n\n"),
        Block("Every school should name a trained inclusion lead.", bullet=True, gap="\n"),
        Block("Councils told us that transport is often the barrier, and that", gap="\n\n"),
        Block("families should be asked first", gap=" "),
    ]


def _with_content_types(data: bytes, change) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as copy:
        for info in source.infolist():
            content = source.read(info)
            types = info.filename == "[Content_Types].xml"
            copy.writestr(info, change(content) if types else content)
    return buffer.getvalue()


def test_a_password_protected_word_file_is_refused_with_a_way_forward():
    protected = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    assert "protected with a password" in refusal(protected, "response.docx")


@pytest.mark.parametrize("filename", ["response.docm", "response.dotm"])
def test_a_word_file_with_macros_is_refused_by_its_name(filename):
    assert "with macros" in refusal(DOCX, filename)


def test_a_word_file_with_a_macro_project_inside_is_refused():
    with_macros = documents.with_part(DOCX, "word/vbaProject.bin", b"\x00" * 100)
    assert "with macros" in refusal(with_macros, "response.docx")


def test_a_word_file_of_the_macro_enabled_type_is_refused():
    macro_type = _with_content_types(
        DOCX,
        lambda xml: xml.replace(
            b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
        ),
    )
    assert "with macros" in refusal(macro_type, "response.docx")


def test_a_word_file_that_unpacks_to_far_more_than_its_size_is_refused_unread():
    # A megabyte of zeros packs into a few kilobytes: over ten times the limit given.
    bomb = documents.with_part(DOCX, "word/media/filler.bin", b"\x00" * (1024 * 1024))
    with pytest.raises(UnreadableDocument, match="unpacks to far more"):
        read_document(bomb, "response.docx", max_bytes=100 * 1024)


def test_a_zip_without_a_word_document_inside_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "Not Word")
    assert "holds a zip archive" in refusal(buffer.getvalue(), "response.docx")


def test_the_allowed_kinds_of_file_can_be_narrowed():
    with pytest.raises(UnreadableDocument, match=r"Upload a \.docx file, not a \.pdf file"):
        read_document(PDF, "response.pdf", extensions=(".docx",))


def test_a_paragraph_in_bold_type_is_marked_bold():
    blocks = read_document(
        documents.as_docx([("bold", "Our concerns"), ("p", "Plain words.")]), "response.docx"
    )
    assert [(block.text, block.bold) for block in blocks] == [
        ("Our concerns", True),
        ("Plain words.", False),
    ]
