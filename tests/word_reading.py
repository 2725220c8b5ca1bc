"""Reading a Word file back as Word would: its paragraphs and styles, runs, hyperlinks,
tables, header and properties."""

import io
import zipfile

import docx
from docx.oxml.ns import qn


def read(content: bytes):
    return docx.Document(io.BytesIO(content))


def styled(document) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph of the body, in order."""
    return [(paragraph.style.name, paragraph.text) for paragraph in document.paragraphs]


def headings(document) -> list[tuple[str, str]]:
    return [
        (style, text)
        for style, text in styled(document)
        if style == "Title" or style.startswith("Heading")
    ]


def paragraph_after(document, text: str):
    """The paragraphs from the one whose text is `text` on."""
    paragraphs = document.paragraphs
    start = next(place for place, p in enumerate(paragraphs) if p.text == text)
    return paragraphs[start:]


def hyperlinks(document) -> list[tuple[str, str]]:
    """(text, target) of every hyperlink in the body."""
    found = []
    rels = document.part.rels
    for link in document.element.body.iter(qn("w:hyperlink")):
        text = "".join(node.text or "" for node in link.iter(qn("w:t")))
        found.append((text, rels[link.get(qn("r:id"))].target_ref))
    return found


def parts(content: bytes) -> dict[str, str]:
    """Every XML part of the package, by name."""
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        return {
            name: package.read(name).decode()
            for name in package.namelist()
            if name.endswith((".xml", ".rels"))
        }
