"""Reading a report's document: bytes and a file name in, blocks of text out.

A block is one line or paragraph of the document, with what the document itself says
about it (a heading level from Markdown or Word styles, a bullet). Recognising parts
and items is `splitting`'s job; reading only refuses what it cannot read, with a
message the person who uploaded the file can act on.
"""

import io
import logging
import re
import zipfile
from dataclasses import dataclass, replace

logger = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024
# A .docx is a zip: refuse one whose contents would unpack to far more than its file
# could hold of text (a zip bomb), before anything is unpacked.
UNPACKED_PER_PACKED = 10
# The XML a Word file's text and layout unpack to is parsed whole, at three to four
# times its size in memory. 20,000 paragraphs of a long memorandum are 3 MB of it.
MAX_UNPACKED_XML = 60 * 1024 * 1024
EXTENSIONS = (".txt", ".md", ".docx", ".pdf")
# Reading a PDF's text takes about a fiftieth of a second a page while the uploader
# waits; a report is far shorter than this, and the count costs almost nothing.
MAX_PDF_PAGES = 300
# What the preview and the report keep of a document, three times a long report.
MAX_CHARACTERS = 2_000_000


class UnreadableDocument(Exception):
    """The document cannot be imported; the message says why, for the user."""


@dataclass(frozen=True)
class Block:
    text: str
    heading_level: int | None = None
    bullet: bool = False
    # Every word of the paragraph is bold: how many people mark a heading in Word.
    bold: bool = False
    # How this block joins the body text before it: a new paragraph, a line break
    # inside the same paragraph, or (in a PDF) the rest of a wrapped line.
    gap: str = "\n\n"


def read_document(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = MAX_BYTES,
    extensions: tuple[str, ...] = EXTENSIONS,
) -> list[Block]:
    """The blocks of an uploaded file, or UnreadableDocument saying what is wrong."""
    extension = _extension(filename, extensions)
    if not data:
        raise UnreadableDocument("The file is empty.")
    refuse_oversized(len(data), max_bytes)
    content = _sniff(data)
    if content == _PROTECTED:
        raise UnreadableDocument(
            "The file is protected with a password, so it cannot be read. Open it in "
            "Word, remove the password (File, Info, Protect Document), save it and "
            "upload the new copy, or paste its text instead."
        )
    if content != _EXPECTED[extension]:
        raise UnreadableDocument(
            f"The file's name ends in {extension} but it holds {content}. Check that "
            "you chose the right file, or save it again in the right format."
        )
    if extension == ".pdf":
        blocks = _read_pdf(data)
    elif extension == ".docx":
        blocks = _read_docx(data, max_unpacked=max_bytes * UNPACKED_PER_PACKED)
    else:
        blocks = read_text(_decode_text(data))
    if not blocks:
        raise UnreadableDocument("The file contains no text.")
    characters = sum(len(block.text) for block in blocks)
    if characters > MAX_CHARACTERS:
        raise UnreadableDocument(
            f"The file holds {characters:,} characters of text, more than the "
            f"{MAX_CHARACTERS:,} a report may (about 300,000 words). Upload the parts "
            "to respond to, without the appendices."
        )
    return blocks


def read_aside(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = MAX_BYTES,
    extensions: tuple[str, ...] = EXTENSIONS,
) -> list[Block]:
    """`read_document`, done in a child process of its own (see `responses.aside`) that
    may take IMPORT_READ_SECONDS and IMPORT_READ_MEMORY_MB: a file made to unpack to far
    more than it holds, or to take minutes to read, is stopped, and the app process
    goes on serving everyone else meanwhile."""
    from django.conf import settings

    from ..aside import AsideFailed, run_aside

    seconds, memory = settings.IMPORT_READ_SECONDS, settings.IMPORT_READ_MEMORY
    try:
        outcome = run_aside(
            _blocks_or_refusal,
            data,
            filename,
            max_bytes,
            extensions,
            name="document-reader",
            what="the document reader",
            seconds=seconds,
            memory=memory,
        )
    except AsideFailed as failure:
        if failure.reason == "time":
            too_much = f"took longer than {seconds:g} second{'' if seconds == 1 else 's'} to read"
        elif failure.reason in ("memory", "ended"):
            too_much = f"needed more than {memory // (1024 * 1024)} MB of memory to read"
        else:
            logger.error("An uploaded document could not be read: %s", failure)
            raise UnreadableDocument(
                "The file could not be read just now. Try again in a minute; if it "
                "happens again, paste its text instead."
            ) from failure
        raise UnreadableDocument(
            f"The file {too_much}, so reading it was stopped and nothing was saved. It "
            "may be damaged, or hold far more inside than its size shows (such as very "
            "large pictures). Open it, save a copy with only the text to respond to, "
            "and upload that, or paste its text instead."
        ) from failure
    if isinstance(outcome, UnreadableDocument):
        raise outcome
    return outcome


def _blocks_or_refusal(
    data: bytes, filename: str, max_bytes: int, extensions: tuple[str, ...]
) -> list[Block] | UnreadableDocument:
    """Run in the reader's child: its refusal comes back as a value, to be raised in
    the app with the same message."""
    try:
        return read_document(data, filename, max_bytes=max_bytes, extensions=extensions)
    except UnreadableDocument as refusal:
        return refusal


def refuse_oversized(size: int, max_bytes: int = MAX_BYTES) -> None:
    """Checked before an upload is read into memory, and again on the bytes."""
    if size > max_bytes:
        raise UnreadableDocument(
            f"The file is larger than the limit of {max_bytes // (1024 * 1024)} MB."
        )


_EXPECTED = {".pdf": "a PDF", ".docx": "a Word document", ".txt": "text", ".md": "text"}


# Word saves a document protected by a password as an OLE compound file (as an old .doc
# is), not as a zip.
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PROTECTED = "a password-protected file"


def _sniff(data: bytes) -> str:
    """What the bytes are, whatever the file is called."""
    if data.startswith(_OLE_SIGNATURE):
        return _PROTECTED
    if data.lstrip()[:5] == b"%PDF-":
        return "a PDF"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return "a damaged zip archive"
        return "a Word document" if "word/document.xml" in names else "a zip archive"
    if data.startswith(_UTF16_BOMS) or b"\x00" not in data[:8192]:
        return "text"
    return "something other than text"


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _extension(filename: str, extensions: tuple[str, ...] = EXTENSIONS) -> str:
    match = re.search(r"\.[A-Za-z0-9]+$", filename or "")
    extension = match.group(0).lower() if match else ""
    if extension == ".doc":
        raise UnreadableDocument(
            "Old Word files (.doc) cannot be read: save it as a .docx and upload that."
        )
    if extension in _MACRO_EXTENSIONS:
        raise _macros_refused()
    if extension not in extensions:
        names = [*extensions[:-1], f"or {extensions[-1]}"] if len(extensions) > 1 else extensions
        raise UnreadableDocument(
            f"Upload a {', '.join(names).replace(', or', ' or')} file"
            + (f", not a {extension} file." if extension else ".")
        )
    return extension


_MACRO_EXTENSIONS = (".docm", ".dotm")


def _macros_refused() -> UnreadableDocument:
    return UnreadableDocument(
        "The file is a Word document with macros, which are not accepted. In Word, "
        "choose Save As, pick “Word Document (.docx)”, and upload that copy."
    )


# Plain text and Markdown --------------------------------------------------------------

_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*[-*+•◦▪‣]\s+(.*)$")


def _decode_text(data: bytes) -> str:
    try:
        return data.decode("utf-16" if data.startswith(_UTF16_BOMS) else "utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableDocument(
            "The text file is not in UTF-8, so its accented letters and quotation marks "
            "would be garbled. Save it as UTF-8 text (or paste the text instead)."
        ) from error


def read_text(text: str) -> list[Block]:
    """Blocks of pasted text, a .txt or a .md file: one per non-blank line."""
    blocks: list[Block] = []
    after_blank = True
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = line.strip()
        if not stripped:
            after_blank = True
            continue
        gap = "\n\n" if after_blank else "\n"
        after_blank = False
        if heading := _MARKDOWN_HEADING.match(stripped):
            if heading.group(2):
                blocks.append(Block(heading.group(2), heading_level=len(heading.group(1))))
            after_blank = True
        elif bullet := _BULLET.match(stripped):
            blocks.append(Block(bullet.group(1).strip(), bullet=True, gap="\n"))
        else:
            blocks.append(Block(stripped, gap=gap))
    return blocks


# Word --------------------------------------------------------------------------------

_HEADING_STYLE = re.compile(r"^Heading\s+(\d)$", re.IGNORECASE)


def _read_docx(data: bytes, *, max_unpacked: int) -> list[Block]:
    import docx
    from docx.table import Table

    _check_docx_package(zipfile.ZipFile(io.BytesIO(data)), max_unpacked=max_unpacked)
    try:
        document = docx.Document(io.BytesIO(data))
        styles = _WordStyles(document)
        numbering = _WordNumbering(document)
        blocks: list[Block] = []
        for content in document.iter_inner_content():
            paragraphs = (
                [p for row in content.rows for cell in row.cells for p in cell.paragraphs]
                if isinstance(content, Table)
                else [content]
            )
            blocks.extend(_paragraph_block(p, styles, numbering) for p in paragraphs)
    except MemoryError:
        raise
    except Exception as error:  # python-docx raises many kinds on a damaged file
        if _out_of_memory(error):
            raise MemoryError from error
        raise UnreadableDocument(
            "The Word file is damaged and cannot be read. Open it in Word, save it "
            "again, and upload the new copy."
        ) from error
    return [block for block in blocks if block.text]


_MACRO_PART = "word/vbaProject.bin"
_MACRO_CONTENT_TYPE = b"macroEnabled"


def _check_docx_package(archive: zipfile.ZipFile, *, max_unpacked: int) -> None:
    """Refuse, from the zip's directory alone, a Word file that unpacks to far more than
    its size (the sizes it declares bound what unpacking gives), or that has macros."""
    infos = archive.infolist()
    if sum(info.file_size for info in infos) > max_unpacked:
        raise UnreadableDocument(
            "The Word file unpacks to far more than its size: it may be damaged. Open it "
            "in Word, save it again, and upload the new copy."
        )
    xml = sum(info.file_size for info in infos if info.filename.endswith((".xml", ".rels")))
    if xml > MAX_UNPACKED_XML:
        raise UnreadableDocument(
            f"The Word file's text and layout unpack to {xml // (1024 * 1024)} MB, more "
            f"than the {MAX_UNPACKED_XML // (1024 * 1024)} MB a report's may: it may be "
            "damaged, or hold far more inside than its size shows. Open it in Word, save "
            "a copy with only the text to respond to, and upload that."
        )
    names = {info.filename for info in infos}
    if _MACRO_PART in names:
        raise _macros_refused()
    types = "[Content_Types].xml"
    if types in names and _MACRO_CONTENT_TYPE in archive.read(types):
        raise _macros_refused()


def _out_of_memory(error: Exception) -> bool:
    """libxml2 reports running out of memory as a parse error, not a MemoryError."""
    from lxml import etree

    return isinstance(error, etree.XMLSyntaxError) and any(
        entry.type_name == "ERR_NO_MEMORY" for entry in error.error_log
    )


@dataclass(frozen=True)
class _Style:
    name: str = ""
    bold: bool = False
    # The list numbering the style gives its paragraphs (num id, level), its own or
    # from the style it is based on.
    numbering: tuple[int, int] | None = None


class _WordStyles:
    """What the reading needs of each of the document's styles, looked up once.

    python-docx finds a paragraph's style by scanning every style of the document, so
    asking each paragraph for it made reading a long document quadratic (20,000
    paragraphs took 50 seconds); here each paragraph's style is one dictionary look-up.
    """

    def __init__(self, document):
        from docx.enum.style import WD_STYLE_TYPE

        elements = {style.style_id: style for style in document.styles}
        self._styles: dict[str, _Style] = {}
        for style_id, style in elements.items():
            font = getattr(style, "font", None)
            self._styles[style_id] = _Style(
                name=style.name or "",
                bold=bool(font is not None and font.bold),
                numbering=_style_numbering(style, elements),
            )
        self._paragraph_default = _default_id(document, WD_STYLE_TYPE.PARAGRAPH)
        self._character_default = _default_id(document, WD_STYLE_TYPE.CHARACTER)

    def of_paragraph(self, paragraph) -> _Style:
        return self._styles.get(paragraph._p.style or self._paragraph_default, _NO_STYLE)

    def of_run(self, run) -> _Style:
        return self._styles.get(run._r.style or self._character_default, _NO_STYLE)


_NO_STYLE = _Style()


def _default_id(document, kind) -> str | None:
    default = document.styles.default(kind)
    return default.style_id if default is not None else None


def _style_numbering(style, elements: dict) -> tuple[int, int] | None:
    """The numbering a paragraph style sets, following what it is based on (at most as
    many steps as there are styles, so a loop of styles ends)."""
    for _ in range(len(elements)):
        properties = style.element.pPr
        if properties is not None and properties.numPr is not None:
            return _numbering_in(properties.numPr)
        style = elements.get(style.element.basedOn_val)
        if style is None:
            return None
    return None


def _numbering_in(numbering) -> tuple[int, int] | None:
    """(num id, level) of a `w:numPr`; none when it turns numbering off."""
    if numbering.numId is None or not numbering.numId.val:
        return None
    return numbering.numId.val, numbering.ilvl.val if numbering.ilvl is not None else 0


def _paragraph_block(paragraph, styles: _WordStyles, numbering: "_WordNumbering") -> Block:
    text = paragraph.text.strip()
    style = styles.of_paragraph(paragraph)
    label, bullet = numbering.label(paragraph, style) if text else ("", False)
    text = label + text
    # Word's Title style sits above its Heading 1.
    if style.name == "Title":
        return Block(text, heading_level=1)
    if heading := _HEADING_STYLE.match(style.name):
        return Block(text, heading_level=int(heading.group(1)) + 1)
    if bullet or style.name.startswith("List Bullet"):
        return Block(text, bullet=True, gap="\n")
    return Block(text, bold=bool(text) and _all_bold(paragraph, style, styles))


def _all_bold(paragraph, style: _Style, styles: _WordStyles) -> bool:
    """Every run with words in it is bold, set on the run or by the paragraph's style."""
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(
        run.bold or (run.bold is None and (styles.of_run(run).bold or style.bold)) for run in runs
    )


class _WordNumbering:
    """Word keeps automatic numbers ("3.", "5.1") in its list definitions, not in the
    text: count them as Word would, so numbered items are recognised."""

    def __init__(self, document):
        from docx.oxml.ns import qn

        self._qn = qn
        self.formats: dict[tuple[int, int], tuple[str, int]] = {}
        self.counters: dict[int, dict[int, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstracts = {
            a.get(qn("w:abstractNumId")): a for a in numbering.findall(qn("w:abstractNum"))
        }
        for num in numbering.findall(qn("w:num")):
            reference = num.find(qn("w:abstractNumId"))
            abstract = abstracts.get(reference.get(qn("w:val"))) if reference is not None else None
            for level in abstract.findall(qn("w:lvl")) if abstract is not None else []:
                number_format, start = level.find(qn("w:numFmt")), level.find(qn("w:start"))
                self.formats[(int(num.get(qn("w:numId"))), int(level.get(qn("w:ilvl"))))] = (
                    number_format.get(qn("w:val")) if number_format is not None else "decimal",
                    int(start.get(qn("w:val"))) if start is not None else 1,
                )

    @staticmethod
    def _numbering_of(paragraph, style: _Style) -> tuple[int, int] | None:
        properties = paragraph._p.pPr
        if properties is None or properties.numPr is None:
            return style.numbering
        return _numbering_in(properties.numPr)

    def label(self, paragraph, style: _Style) -> tuple[str, bool]:
        """The paragraph's automatic number as text ("3. ", "5.1 "), or a bullet."""
        found = self._numbering_of(paragraph, style)
        if found is None:
            return "", False
        num_id, level = found
        number_format, start = self.formats.get((num_id, level), ("decimal", 1))
        if number_format == "bullet":
            return "", True
        if number_format != "decimal":
            return "", False
        counters = self.counters.setdefault(num_id, {})
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [other for other in counters if other > level]:
            del counters[deeper]
        if level == 0:
            return f"{counters[0]}. ", False
        return ".".join(str(counters.get(n, 1)) for n in range(level + 1)) + " ", False


# PDF ---------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"^(?:Page\s+)?\d+(?:\s+of\s+\d+)?$", re.IGNORECASE)
_PDF_BULLET = re.compile(r"^[•◦▪‣●○■–-]\s*(.*)$")
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl"})
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")
_HEADING_WORDS = 12


def _read_pdf(data: bytes) -> list[Block]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnreadableDocument(
                "The PDF is encrypted, so its text cannot be read. Save or export an "
                "unprotected copy and upload that, or paste its text instead."
            )
        # Counted from the page tree before any page's text is read.
        refuse_too_many_pages(len(reader.pages))
        # The layout mode keeps the page's blank lines, bullets and indents, which
        # are all a PDF has to tell paragraphs and lists apart.
        pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    except (UnreadableDocument, MemoryError):
        raise
    except Exception as error:  # pypdf raises many kinds on a damaged file
        raise UnreadableDocument(
            "The PDF is damaged and cannot be read. Download it again, or paste its text instead."
        ) from error
    blocks = _pdf_blocks(pages)
    if not blocks:
        raise UnreadableDocument(
            "The PDF has no text to read: it may be a scanned image. Paste the report's "
            "text instead."
        )
    return blocks


def refuse_too_many_pages(pages: int) -> None:
    if pages > MAX_PDF_PAGES:
        raise UnreadableDocument(
            f"The PDF has {pages:,} pages, more than the limit of {MAX_PDF_PAGES} pages. "
            "Upload a shorter file, such as the report without its appendices, or paste "
            "the text of the parts to respond to instead."
        )


def _pdf_blocks(pages: list[str]) -> list[Block]:
    """One block per line; a line straight after another continues its paragraph, and
    an indented line under a bullet continues the bullet."""
    blocks: list[Block] = []
    for page in pages:
        gap, bullet_indent = "\n\n", None
        lines = page.translate(_LIGATURES).split("\n")
        for index, raw in enumerate(lines):
            line = " ".join(raw.split())
            if not line or _PAGE_NUMBER.match(line):
                gap, bullet_indent = "\n\n", None
                continue
            indent = len(raw) - len(raw.lstrip())
            bullet = _PDF_BULLET.match(line)
            if bullet and bullet.group(1):
                blocks.append(Block(bullet.group(1), bullet=True, gap="\n"))
                bullet_indent = indent
            elif bullet_indent is not None and gap == " " and indent > bullet_indent:
                blocks[-1] = replace(blocks[-1], text=f"{blocks[-1].text} {line}")
            else:
                following = lines[index + 1] if index + 1 < len(lines) else ""
                if gap == " " and _heading_after_paragraph(blocks[-1].text, line, following):
                    gap = "\n\n"
                blocks.append(Block(line, gap=gap))
                bullet_indent = None
            gap = " "
    return blocks


def _heading_after_paragraph(previous: str, line: str, following: str) -> bool:
    """A short line without a full stop, straight after a finished sentence and before
    a blank line, is a heading: how much space a PDF leaves above a heading depends
    on its fonts, so the text may show none."""
    return (
        bool(_SENTENCE_END.search(previous))
        and not _SENTENCE_END.search(line)
        and len(line.split()) <= _HEADING_WORDS
        and not following.strip()
    )
