"""Documents the import tests build for themselves: Word files with python-docx, PDFs
with WeasyPrint, and the same outlines as plain text.

An outline is a list of (style, text) pairs: style is "title", "h1" to "h3", "p",
"bold" (a paragraph in bold type) or "bullet".
"""

import io
import zipfile
from html import escape

import docx
from weasyprint import HTML

Outline = list[tuple[str, str]]

NON_ASCII = "Zoë’s “right” to choose – at 16, not 18"


def _recommendations(numbers: range, theme: str, text: str) -> Outline:
    return [
        pair
        for n in numbers
        for pair in (("h2", f"Recommendation {n}: {theme} {n}"), ("p", f"{text} {n}."))
    ]


RECOMMENDATIONS_IN_TWO_PARTS: Outline = [
    ("title", "Towards an effective SEND system"),
    ("p", "This report sets out eight recommendations."),
    ("h1", "Part 1: Early help"),
    *_recommendations(range(1, 5), "Early help theme", "Councils should act on theme"),
    ("h1", "Part 2: Specialist provision"),
    *_recommendations(range(5, 9), "Specialist theme", "The government should fund theme"),
]


def fifty_two_questions() -> Outline:
    """Questions 1 to 52, with a sub-question 10a after question 10."""
    outline: Outline = [("title", "Consultation on SEND funding")]
    for n in range(1, 53):
        outline.append(("p", f"Question {n}: Do you agree with proposal {n}?"))
        outline.append(("p", f"Please give reasons for your answer to question {n}."))
        if n == 10:
            outline.append(("p", "Question 10a: If not, what would you change?"))
    return outline


DECIMAL_PARAGRAPHS: Outline = [
    ("p", "4. Background"),
    ("p", "The system has grown over ten years."),
    ("p", "5. Funding"),
    ("p", "5.1 High needs spending has risen faster than funding."),
    ("p", "5.2 Most councils now carry a deficit."),
    ("p", "6. Workforce"),
    ("p", "6.1 Schools cannot recruit enough specialist teachers."),
]

BULLETED_RECOMMENDATIONS: Outline = [
    ("title", "Inclusion in mainstream schools"),
    ("p", "We found that families want local schools to include their children."),
    ("h1", "Recommendations"),
    ("bullet", "Every school should name a trained inclusion lead."),
    ("bullet", f"Councils should publish transport rules: {NON_ASCII}."),
    ("bullet", "Inspections should reward inclusive practice."),
]

QUESTION_HEADINGS: Outline = [
    ("title", "Review of alternative provision"),
    ("h2", "What works well now?"),
    ("p", "Tell us what helps children who cannot attend school."),
    ("h2", "What should change?"),
    ("p", "Tell us what you would change first."),
    ("h2", "Who should pay for it?"),
    ("p", "Tell us how costs should be shared."),
]


def as_text(outline: Outline, *, markdown: bool = False) -> str:
    lines = []
    for style, text in outline:
        if markdown and style == "title":
            lines.append(f"# {text}")
        elif markdown and style.startswith("h"):
            lines.append(f"{'#' * (int(style[1]) + 1)} {text}")
        elif style == "bullet":
            lines.append(f"- {text}")
        elif markdown and style == "bold":
            lines.append(f"**{text}**")
        else:
            lines.append(text)
    return "\n\n".join(lines) + "\n"


def as_docx(outline: Outline) -> bytes:
    document = docx.Document()
    for style, text in outline:
        if style == "title":
            document.add_heading(text, level=0)
        elif style.startswith("h"):
            document.add_heading(text, level=int(style[1]))
        elif style == "bullet":
            document.add_paragraph(text, style="List Bullet")
        elif style == "bold":
            document.add_paragraph().add_run(text).bold = True
        else:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def as_pdf(outline: Outline) -> bytes:
    tags = {"title": "h1", "h1": "h2", "h2": "h3", "h3": "h4", "p": "p"}
    body = []
    for style, text in outline:
        if style == "bullet":
            body.append(f"<ul><li>{escape(text)}</li></ul>")
        else:
            body.append(f"<{tags[style]}>{escape(text)}</{tags[style]}>")
    html = f"<!doctype html><html lang='en'><body>{''.join(body)}</body></html>"
    return HTML(string=html).write_pdf()


def as_long_pdf(pages: int) -> bytes:
    """A PDF of `pages` pages, each the same page of text, which costs one render: the
    pages share one content stream."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    page = writer.add_page(PdfReader(io.BytesIO(as_pdf(RECOMMENDATIONS_IN_TWO_PARTS))).pages[0])
    for _ in range(pages - 1):
        writer.add_page(page)
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()


def with_part(data: bytes, name: str, content: bytes) -> bytes:
    """A copy of a Word file with one more part in its zip, packed tightly."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as copy:
        for info in source.infolist():
            copy.writestr(info, source.read(info))
        copy.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def word_bomb(unpacked_megabytes: int) -> bytes:
    """A small Word file whose text unpacks to `unpacked_megabytes` of XML: one
    paragraph repeated, so it packs to a few hundred times less."""
    paragraph = b"<w:p><w:r><w:t>" + b"Families told us this matters. " * 30 + b"</w:t></w:r></w:p>"
    repeats = unpacked_megabytes * 1024 * 1024 // len(paragraph)
    buffer = io.BytesIO()
    small = as_docx([("p", "A memorandum")])
    with (
        zipfile.ZipFile(io.BytesIO(small)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for info in source.infolist():
            if info.filename != "word/document.xml":
                copy.writestr(info, source.read(info))
                continue
            head, _, tail = source.read(info).partition(b"<w:body>")
            with copy.open("word/document.xml", "w") as body:
                body.write(head + b"<w:body>")
                chunk = paragraph * 1000
                for _ in range(repeats // 1000):
                    body.write(chunk)
                body.write(tail)
    return buffer.getvalue()
