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
# A .docx is a zip: refuse one whose contents would unpack to far more than any report.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
EXTENSIONS = (".txt", ".md", ".docx", ".pdf")


class UnreadableDocument(Exception):
    """The document cannot be imported; the message says why, for the user."""


@dataclass(frozen=True)
class Block:
    text: str
    heading_level: int | None = None
    bullet: bool = False
    # How this block joins the body text before it: a new paragraph, a line break
    # inside the same paragraph, or (in a PDF) the rest of a wrapped line.
    gap: str = "\n\n"


def read_document(data: bytes, filename: str) -> list[Block]:
    """The blocks of an uploaded file, or UnreadableDocument saying what is wrong."""
    extension = _extension(filename)
    if not data:
        raise UnreadableDocument("The file is empty.")
    if len(data) > MAX_BYTES:
        raise UnreadableDocument(
            f"The file is larger than the limit of {MAX_BYTES // (1024 * 1024)} MB."
        )
    content = _sniff(data)
    if content != _EXPECTED[extension]:
        raise UnreadableDocument(
            f"The file's name ends in {extension} but it holds {content}. Check that "
            "you chose the right file, or save it again in the right format."
        )
    if extension == ".pdf":
        blocks = _read_pdf(data)
    elif extension == ".docx":
        blocks = _read_docx(data)
    else:
        blocks = read_text(_decode_text(data))
    if not blocks:
        raise UnreadableDocument("The file contains no text.")
    return blocks


_EXPECTED = {".pdf": "a PDF", ".docx": "a Word document", ".txt": "text", ".md": "text"}


def _sniff(data: bytes) -> str:
    """What the bytes are, whatever the file is called."""
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


def _extension(filename: str) -> str:
    match = re.search(r"\.[A-Za-z0-9]+$", filename or "")
    extension = match.group(0).lower() if match else ""
    if extension == ".doc":
        raise UnreadableDocument(
            "Old Word files (.doc) cannot be read: save it as a .docx and upload that."
        )
    if extension not in EXTENSIONS:
        raise UnreadableDocument(
            "Upload a .txt, .md, .docx or .pdf file"
            + (f", not a {extension} file." if extension else ".")
        )
    return extension


# Plain text and Markdown --------------------------------------------------------------

_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*[-*+•◦▪‣]\s+(.*)$")


def _decode_text(data: bytes) -> str:
    try:
        return data.decode("utf-16" if data.startswith(_UTF16_BOMS) else "utf-8-sig")
    except UnicodeDecodeError:
        pass
    raise UnreadableDocument(
        "The text file is not in UTF-8, so its accented letters and quotation marks "
        "would be garbled. Save it as UTF-8 text (or paste the text instead)."
    )


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


def _read_docx(data: bytes) -> list[Block]:
    import docx
    from docx.table import Table

    unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableDocument("The Word file unpacks to more than any report needs.")
    try:
        document = docx.Document(io.BytesIO(data))
        blocks: list[Block] = []
        for content in document.iter_inner_content():
            if isinstance(content, Table):
                for row in content.rows:
                    for cell in row.cells:
                        blocks.extend(_paragraph_block(p) for p in cell.paragraphs)
            else:
                blocks.append(_paragraph_block(content))
    except Exception as error:  # python-docx raises many kinds on a damaged file
        raise UnreadableDocument(
            "The Word file is damaged and cannot be read. Open it in Word, save it "
            "again, and upload the new copy."
        ) from error
    return [block for block in blocks if block.text]


def _paragraph_block(paragraph) -> Block:
    text = paragraph.text.strip()
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    # Word's Title style sits above its Heading 1.
    if style == "Title":
        return Block(text, heading_level=1)
    if heading := _HEADING_STYLE.match(style):
        return Block(text, heading_level=int(heading.group(1)) + 1)
    if style.startswith("List Bullet"):
        return Block(text, bullet=True, gap="\n")
    return Block(text)


# PDF ---------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"^(?:Page\s+)?\d+(?:\s+of\s+\d+)?$", re.IGNORECASE)
_PDF_BULLET = re.compile(r"^[•◦▪‣●○■–-]\s*(.*)$")
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl"})


def _read_pdf(data: bytes) -> list[Block]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnreadableDocument(
                "The PDF is encrypted, so its text cannot be read. Save or export an "
                "unprotected copy and upload that, or paste its text instead."
            )
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


def _pdf_blocks(pages: list[str]) -> list[Block]:
    """One block per line; a line straight after another continues its paragraph, and
    an indented line under a bullet continues the bullet."""
    blocks: list[Block] = []
    for page in pages:
        gap, bullet_indent = "\n\n", None
        for raw in page.translate(_LIGATURES).split("\n"):
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
                blocks.append(Block(line, gap=gap))
                bullet_indent = None
            gap = " "
    return blocks
