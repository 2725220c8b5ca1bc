"""A report import's outline: the parts and items found, and the edits a person makes
to them in the preview before anything is saved.

Plain dataclasses and functions, no database: the outline is kept as JSON on the
import (`ReportImport.outline`) between one request and the next.
"""

import re
from dataclasses import asdict, dataclass, field

from ..models.reports import Item, ItemKind

KINDS = tuple(ItemKind.values)
TITLE_LENGTH = 300
NUMBER_LENGTH = 30


class OutlineError(ValueError):
    """An edit that does not apply to this outline; the message is for the user."""


@dataclass
class DraftPart:
    label: str
    title: str


@dataclass
class DraftItem:
    key: int  # stable across edits, so a form names the item it was shown for
    kind: str
    number: str
    title: str
    text: str = ""
    part: int | None = None  # index into Outline.parts
    dropped: bool = False

    @property
    def kind_label(self) -> str:
        return ItemKind(self.kind).label

    @property
    def heading(self) -> str:
        """As the report will show it: "Recommendation 3: Vision"."""
        return Item(kind=self.kind, number=self.number, title=self.title).heading

    def paragraphs(self) -> list[str]:
        return paragraphs(self.text)


@dataclass
class Outline:
    parts: list[DraftPart] = field(default_factory=list)
    items: list[DraftItem] = field(default_factory=list)
    title: str = ""  # the document's own title, when it has one
    unplaced: str = ""  # text in no item: a preface, a part's introduction

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Outline":
        return cls(
            parts=[DraftPart(**part) for part in data.get("parts", [])],
            items=[DraftItem(**item) for item in data.get("items", [])],
            title=data.get("title", ""),
            unplaced=data.get("unplaced", ""),
        )

    def kept_items(self) -> list[DraftItem]:
        return [item for item in self.items if not item.dropped]

    def item(self, key: int) -> DraftItem:
        for item in self.items:
            if item.key == key:
                return item
        raise OutlineError("That item is no longer in the import.")

    def next_key(self) -> int:
        return max((item.key for item in self.items), default=0) + 1


def paragraphs(text: str) -> list[str]:
    return [paragraph for paragraph in re.split(r"\n{2,}", text.strip()) if paragraph.strip()]


def shorten(text: str, limit: int = 200) -> str:
    """A title from a long line: its first sentence, or its first words."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    sentence = re.match(r"(.{20,}?[.?!])\s", text)
    if sentence and len(sentence.group(1)) <= limit:
        return sentence.group(1)
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def title_and_text(line: str, text: str = "") -> tuple[str, str]:
    """Split a heading line into a title and the start of the text: a line too long
    for a title keeps its whole wording in the text."""
    line = line.strip()
    if len(line) <= 200:
        return clean_title(line), text
    return shorten(line), join(line, text)


def clean_title(title: str) -> str:
    return title.strip().rstrip(".:;,–—-").strip()[:TITLE_LENGTH]


def join(*texts: str) -> str:
    return "\n\n".join(text for text in (t.strip() for t in texts) if text)


def heading_line(item: DraftItem) -> str:
    return " ".join(filter(None, [item.number, item.title]))


# Edits made in the preview --------------------------------------------------------


def rename_item(outline: Outline, key: int, *, title: str, number: str, kind: str) -> None:
    item = outline.item(key)
    title = title.strip()
    if not title:
        raise OutlineError("An item needs a title.")
    if kind not in KINDS:
        raise OutlineError("Choose a kind for the item.")
    item.title = title[:TITLE_LENGTH]
    item.number = number.strip()[:NUMBER_LENGTH]
    item.kind = kind


def merge_with_previous(outline: Outline, key: int) -> DraftItem:
    """Append the item, its heading included, to the kept item before it."""
    item = outline.item(key)
    index = outline.items.index(item)
    previous = next((i for i in reversed(outline.items[:index]) if not i.dropped), None)
    if previous is None:
        raise OutlineError("The first item has no item before it to merge with.")
    previous.text = join(previous.text, heading_line(item), item.text)
    outline.items.remove(item)
    return previous


def split_item(outline: Outline, key: int, *, paragraph: int) -> DraftItem:
    """Make a new item from the item's text, starting at the given paragraph; that
    paragraph becomes the new item's title (its whole wording stays if it is long)."""
    item = outline.item(key)
    parts = item.paragraphs()
    if not 0 <= paragraph < len(parts):
        raise OutlineError("Choose a paragraph of the item's text to split at.")
    first, rest = parts[paragraph], parts[paragraph + 1 :]
    number_match = re.match(r"^(\d{1,3}[a-z]?)[.):]?\s+(\S.*)$", first, re.DOTALL)
    number, heading = (number_match.groups()) if number_match else ("", first)
    title, text = title_and_text(heading, "\n\n".join(rest))
    new = DraftItem(
        key=outline.next_key(),
        kind=item.kind,
        number=number,
        title=title,
        text=text,
        part=item.part,
    )
    item.text = "\n\n".join(parts[:paragraph])
    outline.items.insert(outline.items.index(item) + 1, new)
    return new


def drop_item(outline: Outline, key: int) -> None:
    outline.item(key).dropped = True


def restore_item(outline: Outline, key: int) -> None:
    outline.item(key).dropped = False


def keep_whole_text(outline: Outline) -> DraftItem:
    """When no items were found: the whole text as one item."""
    if outline.items:
        raise OutlineError("The import already has items.")
    if not outline.unplaced.strip():
        raise OutlineError("There is no text to keep.")
    item = DraftItem(
        key=1,
        kind="other",
        number="",
        title=clean_title(outline.title) or "The whole report",
        text=outline.unplaced,
    )
    outline.items.append(item)
    outline.unplaced = ""
    return item
