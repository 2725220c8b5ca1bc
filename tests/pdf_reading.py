"""Reading rendered PDFs back, as a reader's software would."""

from io import BytesIO

from pypdf import PdfReader
from pypdf.generic import IndirectObject, StreamObject


def read(pdf: bytes) -> PdfReader:
    return PdfReader(BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in read(pdf).pages]


def outline(pdf: bytes) -> list[tuple[int, str]]:
    """The bookmarks in order, each with its depth (0 for the top)."""

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                yield from walk(item, depth + 1)
            else:
                yield depth, item.title

    return list(walk(read(pdf).outline, 0))


def every_byte(pdf: bytes) -> bytes:
    """The file and the decompressed content of every stream in it (fonts, pages,
    attachments), so a search finds text however it was stored."""
    reader = read(pdf)
    found = [pdf]
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            stored = reader.get_object(IndirectObject(number, 0, reader))
        except Exception:  # noqa: BLE001 - a free object number has nothing to read
            continue
        if isinstance(stored, StreamObject):
            found.append(stored.get_data())
    return b"\n".join(found)


def structure_tags(pdf: bytes) -> list[str]:
    """The tags of the PDF's structure tree, in reading order ("H1", "P", "TH" ...)."""
    found = []

    def walk(node):
        node = node.get_object()
        if not hasattr(node, "get"):
            return  # marked content: the text itself
        if "/S" in node:
            found.append(str(node["/S"]).lstrip("/"))
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            walk(kid)

    walk(read(pdf).trailer["/Root"]["/StructTreeRoot"])
    return found
