"""Reading a report's document: bytes and a file name in, blocks of text out.

A block is one line or paragraph of the document, with what the document itself says
about it (a heading level from Markdown or Word styles, a bullet). Recognising parts
and items is `splitting`'s job; reading only refuses what it cannot read, with a
message the person who uploaded the file can act on.
"""

import io
import re
import zipfile
from dataclasses import dataclass, replace

MAX_BYTES = 20 * 1024 * 1024
# A .docx is a zip: refuse one whose contents would unpack to far more than its file
# could hold of text (a zip bomb), before anything is unpacked.
UNPACKED_PER_PACKED = 10
EXTENSIONS = (".txt", ".md", ".docx", ".pdf")
# Reading a PDF's text takes about a fiftieth of a second a page while the uploader
# waits; a report is far shorter than this, and the count costs almost nothing.
MAX_PDF_PAGES = 300


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
    return blocks


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
        numbering = _WordNumbering(document)
        blocks: list[Block] = []
        for content in document.iter_inner_content():
            paragraphs = (
                [p for row in content.rows for cell in row.cells for p in cell.paragraphs]
                if isinstance(content, Table)
                else [content]
            )
            blocks.extend(_paragraph_block(p, numbering) for p in paragraphs)
    except Exception as error:  # python-docx raises many kinds on a damaged file
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
    names = {info.filename for info in infos}
    if _MACRO_PART in names:
        raise _macros_refused()
    types = "[Content_Types].xml"
    if types in names and _MACRO_CONTENT_TYPE in archive.read(types):
        raise _macros_refused()


def _paragraph_block(paragraph, numbering: "_WordNumbering") -> Block:
    text = paragraph.text.strip()
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    label, bullet = numbering.label(paragraph) if text else ("", False)
    text = label + text
    # Word's Title style sits above its Heading 1.
    if style == "Title":
        return Block(text, heading_level=1)
    if heading := _HEADING_STYLE.match(style):
        return Block(text, heading_level=int(heading.group(1)) + 1)
    if bullet or style.startswith("List Bullet"):
        return Block(text, bullet=True, gap="\n")
    return Block(text, bold=bool(text) and _all_bold(paragraph))


def _all_bold(paragraph) -> bool:
    """Every run with words in it is bold, set on the run or by the paragraph's style."""
    style_bold = bool(paragraph.style is not None and paragraph.style.font.bold)
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(
        run.bold or (run.bold is None and (run.style.font.bold or style_bold)) for run in runs
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

    def _numbering_of(self, paragraph) -> tuple[int, int] | None:
        properties = paragraph._p.pPr
        numbering = properties.numPr if properties is not None else None
        style = paragraph.style
        while numbering is None and style is not None:
            properties = style.element.pPr
            numbering = properties.numPr if properties is not None else None
            style = style.base_style
        if numbering is None or numbering.numId is None or not numbering.numId.val:
            return None
        return numbering.numId.val, numbering.ilvl.val if numbering.ilvl is not None else 0

    def label(self, paragraph) -> tuple[str, bool]:
        """The paragraph's automatic number as text ("3. ", "5.1 "), or a bullet."""
        found = self._numbering_of(paragraph)
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
    except UnreadableDocument:
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
