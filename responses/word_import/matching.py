"""Finding a response's sections in a document drafted offline.

Pure functions, no database: the blocks of the document (from the report importer's
safe reading) and the response's sections as `Target`s in, the document's text cut
into pieces, each placed in a section (or in none), out.

A line starts a section's text when it names the section:

1. its label, with or without its kind: "Recommendation 3", "Question 3", "Q3",
   "3. …", "10a)";
2. its title, roughly ("A national framework" for "A national framework for SEND"),
   when the line is a Word heading, a Markdown heading or wholly bold;
3. "Introduction" or "Conclusion" (or a word like them) alone on its line, however it
   is styled, when the response has those sections.

A bare number ("3. …") counts only on a heading or bold line, or when the rest of
the line is the item's title, so that a numbered list inside the text stays text.
"""

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, utils

from ..importing.reading import Block

# A heading is a line, not a paragraph: longer lines are text whatever they start with.
HEADING_WORDS = 25
# rapidfuzz WRatio (0 to 100) above which a heading line names an item by its title.
# A shortened or reworded title still scores above it; a subheading such as "Our
# concerns" under a title about something else scores well below.
TITLE_MATCH = 86
# rapidfuzz token_sort_ratio (0 to 100) above which the rest of a heading line is the
# item's own title, and not words of the forum's own to keep in the text.
JUST_THE_TITLE = 75

INTRODUCTION_WORDS = {"introduction", "intro", "overview", "foreword", "preface", "about us"}
CONCLUSION_WORDS = {
    "conclusion",
    "conclusions",
    "in conclusion",
    "summary and conclusion",
    "summary and conclusions",
    "closing remarks",
    "final comments",
    "final remarks",
}

_KIND_WORDS = {
    "finding": ("key finding", "key findings", "finding", "findings", "kf"),
    "recommendation": ("recommendation", "recommendations", "rec", "recs", "rec.", "r"),
    "question": ("question", "questions", "q", "qu"),
    "other": ("proposal", "proposals", "item", "items"),
}
_WORD_TO_KIND = {word: kind for kind, words in _KIND_WORDS.items() for word in words}
_LABELLED = re.compile(
    r"^(?:(?P<word>key\s+findings?|kf|findings?|recommendations?|recs?\.?|r|questions?|qu|q"
    r"|proposals?|items?)\s*(?:no\.?\s*|number\s+)?)?"
    r"(?P<label>\d{1,3}[a-z]?)(?=$|[\s:.)\-–—,])(?P<sep>[\s:.)\-–—,]*)(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_MARKDOWN_BOLD = re.compile(r"^(\*\*|__)(?P<inner>.+)\1$", re.DOTALL)


@dataclass(frozen=True)
class Target:
    """A section a piece of the document can go to."""

    section_id: int
    kind: str  # a SectionKind value
    item_kind: str = ""
    number: str = ""
    title: str = ""


@dataclass(frozen=True)
class HeadingMatch:
    section_id: int
    found_by: str  # in words, for the preview: "its number", "its title"
    kept_text: str = ""  # words of the heading line that are the forum's own


@dataclass
class Piece:
    """A run of the document's text under one heading, placed in one section."""

    section_id: int | None
    heading: str  # the line that named the section, shown in the preview, not saved
    text: str
    found_by: str = ""


def _line(block: Block) -> tuple[str, bool]:
    """The block's words without Markdown bold around them, and whether it is styled
    as a heading (a Word or Markdown heading, or bold throughout)."""
    text = " ".join(block.text.split())
    bold = _MARKDOWN_BOLD.match(text)
    if bold:
        return bold["inner"].strip(), True
    return text, bool(block.heading_level or block.bold)


def _normal(text: str) -> str:
    return utils.default_process(text)


def _is_just_the_title(rest: str, title: str) -> bool:
    return not rest or fuzz.token_sort_ratio(rest, title, processor=utils.default_process) >= (
        JUST_THE_TITLE
    )


def _kept(rest: str, title: str) -> str:
    rest = rest.strip().rstrip(":").strip()
    return "" if _is_just_the_title(rest, title) else rest


class Matcher:
    """Which section a heading line names, for one response's sections."""

    def __init__(self, targets: list[Target]):
        self.items = [t for t in targets if t.kind == "item"]
        self.by_label: dict[str, list[Target]] = {}
        for target in self.items:
            if target.number:
                self.by_label.setdefault(target.number.strip().lower(), []).append(target)
        self.introduction = next((t for t in targets if t.kind == "introduction"), None)
        self.conclusion = next((t for t in targets if t.kind == "conclusion"), None)

    def match(self, block: Block) -> HeadingMatch | None:
        line, styled = _line(block)
        if not line or len(line.split()) > HEADING_WORDS:
            return None
        return (
            self._by_label(line, styled, block)
            or self._by_section_word(line)
            or (self._by_title(line) if styled else None)
        )

    def _by_label(self, line: str, styled: bool, block: Block) -> HeadingMatch | None:
        found = _LABELLED.match(line)
        if found is None:
            return None
        word = " ".join((found["word"] or "").lower().split())
        candidates = self.by_label.get(found["label"].lower(), [])
        if word:
            kind = _WORD_TO_KIND[word]
            same_kind = [t for t in candidates if t.item_kind == kind]
            candidates = same_kind or candidates
        rest = found["rest"].strip()
        if len(candidates) > 1:
            candidates = [t for t in candidates if _is_just_the_title(rest, t.title)] or []
        if len(candidates) != 1:
            return None
        target = candidates[0]
        if word:
            if not _reads_as_heading(block, styled, found["sep"], rest):
                return None
            found_by = f"“{found['word'].strip()} {found['label']}”"
        elif styled or (rest and _is_just_the_title(rest, target.title)):
            found_by = f"its number, {found['label']}"
        else:
            return None
        return HeadingMatch(target.section_id, found_by, _kept(rest, target.title))

    def _by_section_word(self, line: str) -> HeadingMatch | None:
        """A line that is only "Introduction" or "Conclusion" (or a word like them) is
        a heading however it is styled: no sentence of prose is that one word."""
        normal = _normal(line)
        if self.introduction and normal in INTRODUCTION_WORDS:
            return HeadingMatch(self.introduction.section_id, "the word “Introduction”")
        if self.conclusion and normal in CONCLUSION_WORDS:
            return HeadingMatch(self.conclusion.section_id, "the word “Conclusion”")
        return None

    def _by_title(self, line: str) -> HeadingMatch | None:
        normal = _normal(line)
        scored = sorted(
            (
                (fuzz.WRatio(normal, _normal(t.title)), index)
                for index, t in enumerate(self.items)
                if t.title
            ),
            reverse=True,
        )
        if not scored or scored[0][0] < TITLE_MATCH:
            return None
        if len(scored) > 1 and scored[1][0] >= scored[0][0] - 3:
            return None  # two titles fit as well as each other: the user places it
        target = self.items[scored[0][1]]
        return HeadingMatch(target.section_id, "its title", _kept(line, target.title))


def _reads_as_heading(block: Block, styled: bool, sep: str, rest: str) -> bool:
    """A word-and-number line is a heading unless it reads as a sentence of prose
    ("Question 3 asks us about transport.")."""
    if styled or not rest or sep.strip():
        return True
    return not rest.endswith((".", ","))


def _as_markdown(block: Block) -> str:
    line, styled = _line(block)
    if block.bullet:
        return f"- {block.text}"
    if block.heading_level:
        return f"### {line}"
    if styled:
        return f"**{line}**"
    return block.text


def place(blocks: list[Block], targets: list[Target]) -> list[Piece]:
    """The document's text in pieces, each in the section its heading names.

    Text before the first heading that names a section goes to the introduction, or
    to no section when the response has none. A heading that names no section starts
    a piece of its own in the section before it, so that the user can move it (a
    subheading and its text) on its own; the document's title is a piece alone."""
    matcher = Matcher(targets)
    current = matcher.introduction.section_id if matcher.introduction else None
    pieces: list[Piece] = []
    piece: Piece | None = None
    for block in blocks:
        found = matcher.match(block)
        if found is not None:
            current = found.section_id
            piece = Piece(current, block.text, found.kept_text, found.found_by)
            pieces.append(piece)
            continue
        markdown = _as_markdown(block)
        if block.heading_level == 1:
            # The document's own title: a piece alone, the easier to leave out.
            pieces.append(Piece(current, "", markdown))
            piece = None
        elif piece is None or block.heading_level or _line(block)[1]:
            piece = Piece(current, "", markdown)
            pieces.append(piece)
        else:
            piece.text = f"{piece.text}{block.gap}{markdown}" if piece.text else markdown
    for piece in pieces:
        piece.text = piece.text.strip()
    return [piece for piece in pieces if piece.text]
