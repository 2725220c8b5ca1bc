"""A response as a Word file, built from the same read model as its PDF.

The file has Word's own structure: the Title style, Heading 1 to 3 for parts and items
(Word's navigation pane and a table of contents find them), list styles, hyperlinks and
real tables. The same inputs give the same bytes: the document's dates come from the
read model, never the clock, and the zip is rewritten with fixed timestamps.
"""

import datetime
import io
import zipfile
from collections.abc import Mapping

from django.utils.formats import date_format
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..document import Annex, Publication, ResponseDocument, response_document
from ..models import Publication as PublicationRecord
from ..models import Response, Revision
from ..pdf.cache import pdf_filename
from ..publishing import published_entries
from .markdown import MarkdownWriter, add_grid, add_hyperlink_style, xml_text

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LANGUAGE = "en-GB"

# Zip entries carry a time of writing; a fixed one (the zip format's earliest) keeps
# a version's file the same to the byte whenever it is made.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def render_response_docx(
    response: Response,
    *,
    revisions: Mapping[int, Revision] | None = None,
    publication: Publication | None = None,
) -> bytes:
    """The Word file of `response`, with the same inputs as `render_response_pdf`: the
    latest revisions or exactly `revisions`; marked DRAFT in its page header unless
    `publication` is given, whose version and date it then carries."""
    document = response_document(response, revisions=revisions, publication=publication)
    return document_to_docx(document)


def published_docx(publication: PublicationRecord) -> bytes:
    """The Word file of a published version, from the revisions it fixed: the same bytes
    each time it is asked for."""
    revisions = {entry.section.pk: entry.revision for entry in published_entries(publication)}
    return render_response_docx(publication.response, revisions=revisions, publication=publication)


def docx_filename(response: Response) -> str:
    """Named as the draft's PDF is, so the two downloads sort side by side."""
    return pdf_filename(response).removesuffix(".pdf") + ".docx"


def document_to_docx(document: ResponseDocument) -> bytes:
    word = Document()
    _page_setup(word)
    _language(word)
    _properties(word, document)
    add_hyperlink_style(word)
    _page_header(word, document)
    _cover(word, document)
    for entry in document.entries:
        word.add_paragraph(xml_text(entry.heading), style=_heading(entry.level))
        if not entry.is_section:
            continue
        if entry.takes_stance:
            _labelled(word, "Position: ", entry.position)
        if entry.text:
            MarkdownWriter(word, level=entry.level).write(entry.text)
        else:
            word.add_paragraph().add_run("Nothing drafted yet.").italic = True
    if document.annex is not None:
        _annex(word, document.annex)
    return _fixed_zip(word)


def _heading(level: int) -> str:
    """The read model counts levels as the PDF's HTML does, under the title's h1."""
    return f"Heading {level - 1}"


def _page_setup(word) -> None:
    """A4 portrait, the paper our readers print on (the template's is US Letter)."""
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    word.styles["Normal"].font.size = Pt(12)


def _language(word) -> None:
    """British English for spelling and screen readers, in the defaults every style
    inherits and in the document's properties."""
    defaults = word.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run_defaults.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_defaults.append(language)
    language.set(qn("w:val"), LANGUAGE)
    language.set(qn("w:eastAsia"), LANGUAGE)
    theme = word.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), LANGUAGE)


def _properties(word, document: ResponseDocument) -> None:
    moment = datetime.datetime.combine(document.date, datetime.time(), tzinfo=datetime.timezone.utc)
    properties = word.core_properties
    properties.title = xml_text(document.title)
    properties.subject = xml_text(f"Response to “{document.report_title}”")
    properties.author = xml_text(document.forum_name)
    properties.last_modified_by = xml_text(document.forum_name)
    properties.language = LANGUAGE
    properties.comments = document.edition
    properties.content_status = "Draft" if document.is_draft else "Published"
    properties.version = document.version
    properties.revision = 1
    properties.created = moment
    properties.modified = moment


def _page_header(word, document: ResponseDocument) -> None:
    paragraph = word.sections[0].header.paragraphs[0]
    if document.is_draft:
        paragraph.add_run("DRAFT").bold = True
        paragraph.add_run(" – ")
    paragraph.add_run(xml_text(f"{document.forum_name}: {document.edition}"))


def _cover(word, document: ResponseDocument) -> None:
    word.add_paragraph(xml_text(document.title), style="Title")
    if document.report_publisher or document.report_published_on:
        source = f"A report by {document.report_publisher or 'its publisher'}"
        if document.report_published_on:
            source += f", published {_day(document.report_published_on)}"
        word.add_paragraph(xml_text(source + "."))
    _labelled(word, "Date: ", _day(document.date))
    _labelled(word, "Status: ", document.status)
    if not document.is_draft:
        _labelled(word, "Version: ", document.version)
    word.add_paragraph(document.edition).add_run().add_break(WD_BREAK.PAGE)


def _day(day: datetime.date) -> str:
    return date_format(day, "j F Y")


def _labelled(word, label: str, value: str) -> None:
    paragraph = word.add_paragraph()
    paragraph.add_run(label).bold = True
    paragraph.add_run(xml_text(value))


def _annex(word, annex: Annex) -> None:
    """The regions' positions on pages turned sideways: ten columns fit across."""
    section = word.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Mm(15)  # room for ten columns
    word.add_paragraph("Annex: the regions’ positions", style=_heading(2))
    word.add_paragraph(
        "Each region’s position on each item of the report when this document was made. "
        "“No response” means the region had not started a response."
    )
    word.add_paragraph("Positions by item", style=_heading(3))
    _table(
        word,
        ["Item", *(region.name for region in annex.regions)],
        [[row.item.heading, *(cell.stance_label for cell in row.cells)] for row in annex.rows],
    )
    word.add_paragraph("Tally per item", style=_heading(3))
    labels = [label for _value, label, _count in annex.rows[0].tally.in_order] if annex.rows else []
    _table(
        word,
        ["Item", *labels],
        [
            [row.item.heading, *(str(count) for _value, _label, count in row.tally.in_order)]
            for row in annex.rows
        ],
    )


# The annex's type, and its columns: item headings are long, positions short ("Agrees
# with concerns" on two lines), so the item column takes what the others leave, and at
# least a fifth of the page.
_ANNEX_TYPE = Pt(9)
_ITEM_COLUMN_SHARE = 0.22
_WIDEST_POSITION_COLUMN = Mm(30)


def _table(word, header: list[str], rows: list[list[str]]) -> None:
    table = add_grid(word, rows=len(rows) + 1, columns=len(header))
    table.autofit = False
    page = word.sections[-1]
    across = page.page_width - page.left_margin - page.right_margin
    others = len(header) - 1
    each = min(_WIDEST_POSITION_COLUMN, int(across * (1 - _ITEM_COLUMN_SHARE)) // max(others, 1))
    widths = [across - each * others] + [each] * others
    # Word reads the cells' widths, other programs the grid's: both are set.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for number, (row, texts) in enumerate(zip(table.rows, [header, *rows], strict=True)):
        for place, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
            cell.width = widths[place]
            run = cell.paragraphs[0].add_run(xml_text(text))
            run.font.size = _ANNEX_TYPE
            # Column headings and each row's item name are headers, as in the PDF.
            if number == 0 or place == 0:
                run.bold = True


def _fixed_zip(word) -> bytes:
    written = io.BytesIO()
    word.save(written)
    fixed = io.BytesIO()
    with (
        zipfile.ZipFile(written) as source,
        zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    return fixed.getvalue()
