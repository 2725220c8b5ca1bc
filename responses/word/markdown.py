"""User text in a Word file: the Markdown parser's own tokens turned into Word structure.

Bold and italic runs, lists in Word's list styles (nested as the Markdown nests),
hyperlinks, and headings in the heading styles below the section's own. Whatever the
writer typed reaches the file only as text: the one external reference it can make is
a hyperlink to a web or email address, and no field can be made from it.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from markdown_it.token import Token

from ..document import nested_levels
from ..text import ALLOWED_URL_SCHEMES, markdown_tokens

# Word's built-in list styles ("List Bullet 2", "List Number 3"...) go three levels deep;
# deeper Markdown lists stay at the third.
LIST_DEPTH = 3
CODE_FONT = "Consolas"
HYPERLINK_STYLE = "Hyperlink"

# What XML 1.0 cannot carry at all; a document with one of these would not open.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def link_target(href: str) -> str | None:
    """`href` when it is a web or email address, as on the web page; None otherwise
    (`javascript:`, `file:`, `data:`, relative addresses): that link becomes text."""
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_URL_SCHEMES:
        return None
    if scheme == "mailto":
        return href if parts.path else None
    return href if parts.netloc else None


def add_grid(document: Document, *, rows: int, columns: int) -> Table:
    """A bordered table whose first row is its header, repeated at the top of each page
    the table runs onto and announced as the header by screen readers; no row is split
    across two pages."""
    table = document.add_table(rows=rows, cols=columns)
    table.style = "Table Grid"
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    return table


def add_hyperlink_style(document: Document) -> None:
    """Word's own character style for links, which the built-in template leaves out."""
    style = document.styles.add_style(HYPERLINK_STYLE, WD_STYLE_TYPE.CHARACTER)
    style.font.underline = True
    style.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)


@dataclass
class _List:
    style: str
    number_id: int | None = None  # ordered lists: their own numbering, from their start
    start: int = 1
    new_item: bool = False


class MarkdownWriter:
    """Writes user text into `document`, below a heading of the read model's `level` (2
    or 3, as in the PDF; Word's heading styles count from 1, so one less)."""

    def __init__(self, document: Document, *, level: int) -> None:
        self.document = document
        self.level = level
        self.lists: list[_List] = []
        self.quotes = 0

    def write(self, text: str) -> None:
        tokens = markdown_tokens(text)
        found = [int(token.tag[1]) for token in tokens if token.type == "heading_open"]
        heading_levels = iter(nested_levels(found, self.level))
        place = 0
        while place < len(tokens):
            token = tokens[place]
            if token.type == "heading_open":
                style = f"Heading {next(heading_levels) - 1}"
                self.inline(self.document.add_paragraph(style=style), tokens[place + 1])
                place += 3
                continue
            if token.type == "paragraph_open":
                self.inline(self._paragraph(), tokens[place + 1])
                place += 3
                continue
            if token.type == "table_open":
                place = self._table(tokens, place)
                continue
            self._block(token)
            place += 1

    def _block(self, token: Token) -> None:
        kind = token.type
        if kind in {"bullet_list_open", "ordered_list_open"}:
            if self.lists:
                self.lists[-1].new_item = False
            ordered = kind == "ordered_list_open"
            depth = min(len(self.lists) + 1, LIST_DEPTH)
            style = ("List Number" if ordered else "List Bullet") + _depth_suffix(depth)
            start = int(token.attrs.get("start", 1)) if ordered else 1
            self.lists.append(_List(style=style, start=start))
        elif kind in {"bullet_list_close", "ordered_list_close"}:
            self.lists.pop()
        elif kind == "list_item_open":
            self.lists[-1].new_item = True
        elif kind == "blockquote_open":
            self.quotes += 1
        elif kind == "blockquote_close":
            self.quotes -= 1
        elif kind in {"fence", "code_block"}:
            self._code(self._paragraph(), token.content.rstrip("\n"))
        elif kind == "hr":
            self._rule()
        # Images: the web page's sanitiser drops them, so the Word file leaves them out.

    def _paragraph(self) -> Paragraph:
        """A paragraph in the style of where it sits: a list item's first paragraph
        carries its bullet or number, later ones continue the item."""
        if not self.lists:
            return self.document.add_paragraph(style="Quote" if self.quotes else None)
        current = self.lists[-1]
        if not current.new_item:
            depth = min(len(self.lists), LIST_DEPTH)
            return self.document.add_paragraph(style="List Continue" + _depth_suffix(depth))
        current.new_item = False
        paragraph = self.document.add_paragraph(style=current.style)
        if current.style.startswith("List Number"):
            if current.number_id is None:
                current.number_id = self._restart_numbering(current.style, current.start)
            numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            numbering.get_or_add_ilvl().val = 0
            numbering.get_or_add_numId().val = current.number_id
        return paragraph

    def _restart_numbering(self, style: str, start: int) -> int:
        """A numbering of the style's own kind that starts at `start`: without it every
        numbered list in the document would carry on from the one before."""
        numbering = self.document.part.numbering_part.element
        style_number = self.document.styles[style].element.pPr.numPr.numId.val
        abstract = numbering.num_having_numId(style_number).abstractNumId.val
        number = numbering.add_num(abstract)
        number.add_lvlOverride(ilvl=0).add_startOverride(start)
        return number.numId

    def inline(self, paragraph: Paragraph, token: Token, *, bold: bool = False) -> None:
        strong = 1 if bold else 0
        emphasis = 0
        link = None
        for child in token.children or []:
            kind = child.type
            if kind == "text":
                self._run(paragraph, link, child.content, strong, emphasis)
            elif kind == "softbreak":
                self._run(paragraph, link, " ", strong, emphasis)
            elif kind == "hardbreak":
                self._run(paragraph, link, "", strong, emphasis).add_break()
            elif kind == "code_inline":
                run = self._run(paragraph, link, child.content, strong, emphasis)
                run.font.name = CODE_FONT
            elif kind in {"strong_open", "strong_close"}:
                strong += 1 if kind == "strong_open" else -1
            elif kind in {"em_open", "em_close"}:
                emphasis += 1 if kind == "em_open" else -1
            elif kind == "link_open":
                target = link_target(str(child.attrs.get("href", "")))
                link = self._hyperlink(paragraph, target) if target else None
            elif kind == "link_close":
                link = None

    def _run(self, paragraph: Paragraph, link, text: str, strong: int, emphasis: int) -> Run:
        # python-docx writes the text as w:t (tabs and line ends as their own elements):
        # braces, angle brackets and field names typed by a writer stay plain text.
        run = paragraph.add_run(xml_text(text))
        if strong:
            run.bold = True
        if emphasis:
            run.italic = True
        if link is not None:
            link.append(run._r)
            run.style = HYPERLINK_STYLE
        return run

    def _hyperlink(self, paragraph: Paragraph, target: str):
        relationship = paragraph.part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), relationship)
        paragraph._p.append(link)
        return link

    def _code(self, paragraph: Paragraph, text: str) -> None:
        paragraph.add_run(xml_text(text)).font.name = CODE_FONT

    def _rule(self) -> None:
        paragraph = self.document.add_paragraph()
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for name, value in {"val": "single", "sz": "6", "space": "1", "color": "auto"}.items():
            bottom.set(qn(f"w:{name}"), value)
        borders.append(bottom)
        paragraph._p.get_or_add_pPr().append(borders)

    def _table(self, tokens: list[Token], place: int) -> int:
        """A Markdown table as a Word table; returns the place after it."""
        rows: list[tuple[bool, list[Token]]] = []
        in_head = False
        place += 1
        while tokens[place].type != "table_close":
            kind = tokens[place].type
            if kind in {"thead_open", "thead_close"}:
                in_head = kind == "thead_open"
            elif kind == "tr_open":
                rows.append((in_head, []))
            elif kind == "inline":
                rows[-1][1].append(tokens[place])
            place += 1
        columns = max(len(cells) for _head, cells in rows)
        table = add_grid(self.document, rows=len(rows), columns=columns)
        for row, (head, cells) in zip(table.rows, rows, strict=True):
            for cell, content in zip(row.cells, cells, strict=False):
                self.inline(cell.paragraphs[0], content, bold=head)
        return place + 1


def _depth_suffix(depth: int) -> str:
    return "" if depth == 1 else f" {depth}"
