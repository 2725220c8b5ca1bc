"""Recognising a report's parts and items in the blocks of its document.

Pure functions: blocks in, an Outline out. The document decides which lines make
items, in this order of preference:

1. a word and a number: "Recommendation 3: ...", "Question 12", "Q12.", "Question 10a";
2. numbered paragraphs: "3. ...", "10a) ...", while their numbers rise (a decimal
   "3.1", or a list numbered from 1 again, stays inside its item);
3. bullets listed under a heading such as "Recommendations";
4. Markdown or Word headings: the level used most often makes items, the levels above
   it make parts, the levels below stay in the text;
5. bullets anywhere;
6. short lines phrased as questions.

"Part 2: ...", "Chapter 4" and "Section 1" lines make parts whatever the scheme.
"""

import re
from collections import Counter
from dataclasses import dataclass, replace

from .outline import DraftItem, DraftPart, Outline, clean_title, shorten, title_and_text
from .reading import Block

_NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_PART = re.compile(
    rf"^(?P<label>(?:part|chapter|section)\s+(?:\d{{1,3}}|[ivxlc]{{1,6}}|{_NUMBER_WORDS}))"
    r"(?:(?P<sep>\s*[:.\-–—]\s*|\s+)(?P<rest>.*))?$",
    re.IGNORECASE,
)
_KEYWORD = re.compile(
    r"^(?P<word>key\s+finding|finding|recommendation|rec\.?|question|proposal|q)"
    r"\s*(?P<number>\d{1,3}[a-z]?)\b(?:(?P<sep>\s*[:.)\-–—]\s*|\s+)(?P<rest>.*))?$",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^(?P<number>\d{1,3}[a-z]?)[.)]\s+(?P<rest>\S.*)$")
_STYLED_NUMBER = re.compile(r"^(?P<number>\d{1,3}[a-z]?)[.):]?\s+(?P<rest>\S.*)$")
_DECIMAL = re.compile(r"^\d{1,3}(?:\.\d{1,3})+\.?(?:\s|$)")

_KIND_OF_WORD = {
    "key finding": "finding",
    "finding": "finding",
    "recommendation": "recommendation",
    "rec": "recommendation",
    "rec.": "recommendation",
    "question": "question",
    "q": "question",
    "proposal": "other",
}


@dataclass
class _Heading:
    role: str  # "part" or "item"
    label: str = ""  # a part's "Part 2"; an item's number
    title: str = ""
    kind: str = ""  # an item's kind, when its heading says it


def split_document(blocks: list[Block]) -> Outline:
    """The parts and items of a document, and the text that fell in no item."""
    blocks, title = _document_title(_join_wrapped_lines(blocks))
    headings = _recognise(blocks)
    builder = _Builder(title)
    for block, heading in zip(blocks, headings, strict=True):
        if heading is None:
            builder.add_text(block)
        elif heading.role == "part":
            builder.start_part(heading)
        else:
            builder.start_item(heading)
    return builder.finish()


# Which blocks are headings -----------------------------------------------------------


def _join_wrapped_lines(blocks: list[Block]) -> list[Block]:
    """A PDF gives lines, not paragraphs: join each wrapped line to the line before,
    unless it starts like a heading of its own."""
    joined: list[Block] = []
    for block in blocks:
        if (
            block.gap == " "
            and joined
            and not (_part(block) or _keyword(block) or _numbered(block))
            and not _DECIMAL.match(block.text)
        ):
            joined[-1] = replace(joined[-1], text=f"{joined[-1].text} {block.text}")
        else:
            joined.append(block)
    return joined


def _is_heading_like(block: Block, sep: str | None, rest: str | None) -> bool:
    """A word-and-number line is a heading unless it reads as a sentence of prose
    ("Recommendation 3 is the most important ...")."""
    if block.heading_level or not rest:
        return True
    if sep and sep.strip():
        return True
    return len(block.text) <= 120 and not block.text.endswith((".", ","))


def _part(block: Block) -> _Heading | None:
    match = _PART.match(block.text)
    if match and _is_heading_like(block, match["sep"], match["rest"]):
        return _Heading("part", label=match["label"], title=clean_title(match["rest"] or ""))
    return None


def _keyword(block: Block) -> _Heading | None:
    match = _KEYWORD.match(block.text)
    if match and _is_heading_like(block, match["sep"], match["rest"]):
        word = " ".join(match["word"].lower().split())
        return _Heading(
            "item", label=match["number"], title=match["rest"] or "", kind=_KIND_OF_WORD[word]
        )
    return None


def _numbered(block: Block) -> _Heading | None:
    pattern = _STYLED_NUMBER if block.heading_level else _NUMBERED
    match = None if block.bullet else pattern.match(block.text)
    if match:
        return _Heading("item", label=match["number"], title=match["rest"])
    return None


def _is_question(block: Block) -> bool:
    return not block.bullet and block.text.endswith("?") and len(block.text) <= 200


def _recognise(blocks: list[Block]) -> list[_Heading | None]:
    parts = [_part(block) for block in blocks]
    keywords = [_keyword(block) for block in blocks]
    if any(keywords):
        items = keywords
    elif sum(1 for block in blocks if _numbered(block)) >= 2:
        items = _rising_numbers(blocks, parts)
    elif _has_list_of_items(blocks):
        return _by_bullets(blocks, parts)
    elif any(block.heading_level for block, part in zip(blocks, parts, strict=True) if not part):
        return _by_heading_level(blocks, parts)
    elif sum(1 for block in blocks if block.bullet) >= 2:
        return _by_bullets(blocks, parts)
    elif sum(1 for block in blocks if _is_question(block)) >= 2:
        items = [
            _Heading("item", title=block.text, kind="question") if _is_question(block) else None
            for block in blocks
        ]
    else:
        items = [None] * len(blocks)
    item_levels = [
        b.heading_level for b, i in zip(blocks, items, strict=True) if i and b.heading_level
    ]
    headings: list[_Heading | None] = []
    for block, part, item in zip(blocks, parts, items, strict=True):
        if part or item:
            headings.append(part or item)
        elif block.heading_level and block.heading_level <= min(item_levels, default=99):
            # A Markdown or Word heading above the items: a part without a number.
            headings.append(_Heading("part", title=clean_title(block.text)))
        else:
            headings.append(None)
    return headings


def _number_key(number: str) -> tuple[int, str]:
    """ "10a" comes after "10" and before "11"."""
    digits = re.match(r"\d*", number).group(0)
    return int(digits or 0), number[len(digits) :]


def _rising_numbers(blocks: list[Block], parts: list[_Heading | None]) -> list[_Heading | None]:
    """Numbered paragraphs make items while their numbers rise; a list numbered from 1
    again inside an item stays in its text, unless a new part has begun."""
    items: list[_Heading | None] = []
    last: tuple[int, str] | None = None
    for block, part in zip(blocks, parts, strict=True):
        if part:
            last = None
        heading = None if part else _numbered(block)
        # "1. publish the offer" inside an item is a list, not the next item.
        starts_lower = heading is not None and heading.title[:1].islower()
        if heading and not starts_lower and (last is None or _number_key(heading.label) > last):
            last = _number_key(heading.label)
            items.append(heading)
        else:
            items.append(None)
    return items


def _by_heading_level(blocks: list[Block], parts: list[_Heading | None]) -> list[_Heading | None]:
    levels = Counter(
        block.heading_level
        for block, part in zip(blocks, parts, strict=True)
        if block.heading_level and not part
    )
    # The level used most often makes items (on a tie, the deeper one); levels above
    # it make parts; levels below are sub-headings inside an item's text.
    item_level = max(levels, key=lambda level: (levels[level], level))
    headings: list[_Heading | None] = []
    for block, part in zip(blocks, parts, strict=True):
        if part:
            headings.append(part)
        elif block.heading_level == item_level:
            numbered = _numbered(block)
            headings.append(numbered or _Heading("item", title=block.text))
        elif block.heading_level and block.heading_level < item_level:
            headings.append(_Heading("part", title=clean_title(block.text)))
        else:
            headings.append(None)
    return headings


_NAMES_A_KIND = re.compile(r"recommendation|question|finding|proposal", re.IGNORECASE)
_ONLY_A_KIND = re.compile(
    r"^(?:our |the |key )?(?:recommendation|question|finding|proposal)s?:?$", re.IGNORECASE
)


def _has_list_of_items(blocks: list[Block]) -> bool:
    """A heading such as "Recommendations" straight before a bulleted list."""
    return any(
        not block.bullet
        and len(block.text) <= 80
        and _NAMES_A_KIND.search(block.text)
        and following.bullet
        for block, following in zip(blocks, blocks[1:], strict=False)
    )


def _by_bullets(blocks: list[Block], parts: list[_Heading | None]) -> list[_Heading | None]:
    """Each bullet is an item; a short line just before a list names its part."""
    headings: list[_Heading | None] = []
    for index, (block, part) in enumerate(zip(blocks, parts, strict=True)):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if part:
            headings.append(part)
        elif block.bullet:
            headings.append(_Heading("item", title=block.text))
        elif block.heading_level or (
            following is not None
            and following.bullet
            and len(block.text) <= 80
            and not block.text.endswith((".", ","))
        ):
            headings.append(_Heading("part", title=clean_title(block.text)))
        else:
            headings.append(None)
    return headings


def _document_title(blocks: list[Block]) -> tuple[list[Block], str]:
    """The document's own title, to suggest for the report. A Markdown or Word heading
    that opens the document above every other heading is that title, not a part."""
    if not blocks:
        return blocks, ""
    first = blocks[0]
    if _part(first) or _keyword(first) or _numbered(first) or first.bullet:
        return blocks, ""
    if _ONLY_A_KIND.match(first.text):  # "Recommendations" heads a list, not a report
        return blocks, ""
    if first.heading_level:
        later_levels = [block.heading_level for block in blocks[1:] if block.heading_level]
        if not later_levels or first.heading_level < min(later_levels):
            return blocks[1:], clean_title(first.text)
    elif len(first.text) <= 150:
        return blocks, clean_title(first.text)
    return blocks, ""


# Building the outline ----------------------------------------------------------------


def _kind_from(title: str) -> str:
    """An item's kind from its part's title: "Our recommendations" holds recommendations."""
    lowered = title.lower()
    return next((k for k in ("recommendation", "question", "finding") if k in lowered), "other")


class _Builder:
    def __init__(self, title: str):
        self.outline = Outline(title=title)
        self.part_text: dict[int, list[str]] = {}
        self.unplaced: list[str] = []
        self.item: DraftItem | None = None
        self.texts: dict[int, list[str]] = {}

    @property
    def part(self) -> int | None:
        return len(self.outline.parts) - 1 if self.outline.parts else None

    def start_part(self, heading: _Heading) -> None:
        self.outline.parts.append(DraftPart(label=heading.label, title=heading.title))
        self.item = None

    def start_item(self, heading: _Heading) -> None:
        part_title = self.outline.parts[self.part].title if self.part is not None else ""
        kind = heading.kind or (
            "question" if heading.title.rstrip().endswith("?") else _kind_from(part_title)
        )
        self.item = DraftItem(
            key=len(self.outline.items) + 1,
            kind=kind,
            number=heading.label,
            title=heading.title,
            part=self.part,
        )
        self.outline.items.append(self.item)
        self.texts[self.item.key] = []

    def add_text(self, block: Block) -> None:
        text = f"- {block.text}" if block.bullet else block.text
        if self.item is not None:
            pieces = self.texts[self.item.key]
        elif self.part is not None:
            pieces = self.part_text.setdefault(self.part, [])
        else:
            pieces = self.unplaced
        pieces.append((block.gap if pieces else "") + text)

    def finish(self) -> Outline:
        outline = self.outline
        used_parts = {item.part for item in outline.items}
        for index, part in enumerate(outline.parts):
            text = "".join(self.part_text.get(index, []))
            if not text:
                continue
            if index in used_parts:
                self.unplaced.append(("\n\n" if self.unplaced else "") + text)
                continue
            # A part with text but no numbered items ("Part 1: Key findings") is
            # itself one item.
            outline.items.append(
                DraftItem(
                    key=len(outline.items) + 1,
                    kind=_kind_from(part.title),
                    number="",
                    title=part.title or part.label,
                    text=text,
                    part=index,
                )
            )
        for item in outline.items:
            item.text = "".join(self.texts.get(item.key, [])) or item.text
            if not item.title:
                item.title, item.text = _title_from_text(item)
            else:
                item.title, item.text = title_and_text(item.title, item.text)
        outline.items.sort(key=lambda item: (_part_order(item), item.key))
        for key, item in enumerate(outline.items, start=1):
            item.key = key
        outline.unplaced = "".join(self.unplaced).strip()
        return outline


def _part_order(item: DraftItem) -> int:
    return -1 if item.part is None else item.part


def _title_from_text(item: DraftItem) -> tuple[str, str]:
    """ "Question 12" with the question on the next line: that line is the title."""
    first, _, rest = item.text.partition("\n\n")
    if first and len(first) <= 200:
        return clean_title(first), rest
    if first:
        return shorten(first), item.text
    return f"{item.kind_label} {item.number}".strip(), item.text
