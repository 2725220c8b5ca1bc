"""From many forums to one text: tallies, points, merging, coverage.

A forum that drafts from the forums below it (the national network from the regions,
a region from its local forums) builds each section from theirs for the same item.
This module holds the pure text rules, and touches no database: the sentence that
gives the balance of positions, how a forum's text splits into points, which points
from different forums say the same thing, the starting draft built from them, and
which points the forum's own text does not yet reflect. `workspace.py` reads and
writes; `provenance.py` reads where paragraphs came from.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process, utils

from .models import Forum, ItemKind, Revision, Stance
from .positions import STANCE_ORDER, Cell, Tally

# Two points from different regions are one point when their words, sorted, are this
# similar (rapidfuzz token_sort_ratio, 0 to 100). On realistic regional text the same
# point reworded by another forum scores 78 and above, different points about the same
# recommendation 58 and below: 70 sits between, a little nearer the different points
# (tests/test_merging.py: test_grouping_threshold_separates_realistic_points).
SAME_POINT_THRESHOLD = 70

# A regional point is reflected in the national text when some national paragraph
# holds nearly all of its words (rapidfuzz token_set_ratio, 0 to 100). On realistic
# text a point pasted, reworded, merged with another region's or folded into a longer
# paragraph scores 85 and above; a national paragraph making another point on the same
# item scores 61 and below: 75 sits between
# (tests/test_merging.py: test_coverage_threshold_separates_realistic_text).
REFLECTED_THRESHOLD = 75


# Tallying ------------------------------------------------------------------------

_NUMBER_WORDS = [
    "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty",
]  # fmt: skip

_ITEM_NOUNS: dict[str, str] = {
    ItemKind.FINDING: "this finding",
    ItemKind.RECOMMENDATION: "this recommendation",
    ItemKind.QUESTION: "this proposal",
    ItemKind.OTHER: "this",
}

# stance: (singular, plural) of what the forums do; "{it}" is the item noun, said once.
_CLAUSES: dict[str, tuple[str, str]] = {
    Stance.AGREE: ("agrees with {it}", "agree with {it}"),
    Stance.AGREE_WITH_CONCERNS: (
        "agrees with {it}, with concerns",
        "agree with {it}, with concerns",
    ),
    Stance.DISAGREE: ("disagrees with {it}", "disagree with {it}"),
    Stance.NO_POSITION: ("has not yet taken a position", "have not yet taken a position"),
    "no_response": ("has not responded", "have not responded"),
}
# After the first clause the item is understood: "...; two agree with concerns".
_SHORT_CLAUSES: dict[str, tuple[str, str]] = {
    Stance.AGREE: ("agrees", "agree"),
    Stance.AGREE_WITH_CONCERNS: ("agrees with concerns", "agree with concerns"),
    Stance.DISAGREE: ("disagrees", "disagree"),
}


def number_in_words(n: int) -> str:
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def tally_sentence(tally: Tally, *, forum_word: str = "regions") -> str:
    """The balance of positions in one sentence, e.g. "Six of the nine regions agree
    with this recommendation; two agree with concerns; one disagrees."."""
    figures = [(stance, count) for stance, _label, count in tally.in_order if count]
    total = sum(count for _stance, count in figures)
    singular = forum_word.removesuffix("s")
    if total == 0:
        return f"There are no {forum_word} to count yet."
    noun = _ITEM_NOUNS.get(tally.item.kind, "this")
    clauses = []
    for position, (stance, count) in enumerate(figures):
        first = position == 0
        table = _CLAUSES if first or stance not in _SHORT_CLAUSES else _SHORT_CLAUSES
        verb = table[stance][0 if count == 1 else 1].format(it=noun)
        if not first:
            subject = number_in_words(count)
        elif count == total == 1:
            subject = f"The one {singular}"
        elif count == total:
            subject = f"All {number_in_words(total)} {forum_word}"
        else:
            of_total = f"of the {number_in_words(total)} {forum_word}"
            subject = f"{number_in_words(count).capitalize()} {of_total}"
        clauses.append(f"{subject} {verb}")
    return "; ".join(clauses) + "."


# Points --------------------------------------------------------------------------

_BLANK_LINE = re.compile(r"\n\s*\n")
_LIST_MARKER = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")


def split_points(text: str) -> list[str]:
    """The points a piece of Markdown makes: its paragraphs, and each list item on
    its own. Headings are not points."""
    points: list[str] = []
    for block in _BLANK_LINE.split((text or "").replace("\r\n", "\n")):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(_HEADING.match(line) for line in lines):
            continue
        if _LIST_MARKER.match(lines[0]):
            item: list[str] = []
            for line in lines:
                if _LIST_MARKER.match(line):
                    if item:
                        points.append(" ".join(item))
                    item = [_LIST_MARKER.sub("", line).strip()]
                else:
                    item.append(line.strip())
            if item:
                points.append(" ".join(item))
        else:
            points.append(" ".join(line.strip() for line in lines if not _HEADING.match(line)))
    return [point for point in points if point]


def _sorted_words(text: str) -> str:
    return " ".join(sorted(utils.default_process(text).split()))


def same_point_score(a: str, b: str) -> float:
    return fuzz.token_sort_ratio(a, b, processor=utils.default_process)


def reflected_score(point: str, national_paragraph: str) -> float:
    return fuzz.token_set_ratio(point, national_paragraph, processor=utils.default_process)


# Grouping ------------------------------------------------------------------------


@dataclass
class Point:
    """One paragraph of one region's text for an item."""

    forum: Forum
    revision: Revision
    index: int
    text: str


@dataclass
class PointGroup:
    """Points from one or more regions that say the same thing."""

    points: list[Point] = field(default_factory=list)

    @property
    def forums(self) -> list[Forum]:
        seen: dict[int, Forum] = {}
        for point in self.points:
            seen.setdefault(point.forum.pk, point.forum)
        return sorted(seen.values(), key=lambda forum: forum.name)

    @property
    def text(self) -> str:
        """The fullest wording: the longest of the points, the earliest on a tie."""
        return max(self.points, key=lambda point: len(point.text)).text


def group_points(points: Sequence[Point]) -> list[PointGroup]:
    """Near-duplicate points merged into groups, the most widely made first.

    Each point joins the most similar group so far if it is similar enough to that
    group's first point, else starts a group. Comparisons run in rapidfuzz's C loop on
    words sorted once per point.
    """
    groups: list[PointGroup] = []
    keys: list[str] = []
    for point in points:
        key = _sorted_words(point.text)
        match = (
            process.extractOne(
                key,
                keys,
                scorer=fuzz.ratio,
                processor=None,
                score_cutoff=SAME_POINT_THRESHOLD,
            )
            if key
            else None
        )
        if match is None:
            groups.append(PointGroup(points=[point]))
            keys.append(key)
        else:
            groups[match[2]].points.append(point)
    order = {id(group): position for position, group in enumerate(groups)}
    return sorted(groups, key=lambda group: (-len(group.forums), order[id(group)]))


def points_of(cells: Iterable[Cell]) -> list[Point]:
    """Every point of every cell's latest text, region by region."""
    points = []
    for cell in cells:
        if cell.revision is None:
            continue
        for index, text in enumerate(split_points(cell.revision.text)):
            points.append(Point(forum=cell.forum, revision=cell.revision, index=index, text=text))
    return points


# Assembling ----------------------------------------------------------------------


def join_names(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


@dataclass
class AssembledParagraph:
    text: str
    group: PointGroup | None  # None for the tally sentence


@dataclass
class AssembledDraft:
    paragraphs: list[AssembledParagraph]

    @property
    def text(self) -> str:
        return "\n\n".join(paragraph.text for paragraph in self.paragraphs)


def assemble(tally: Tally, cells: Sequence[Cell], *, forum_word: str = "regions") -> AssembledDraft:
    """A starting draft for one item: the balance of positions, then each point the
    forums below made, near-duplicates merged, each followed by the forums that made
    it. `forum_word` names them in the balance: "regions", "local forums"."""
    paragraphs = [AssembledParagraph(text=tally_sentence(tally, forum_word=forum_word), group=None)]
    for group in group_points(points_of(cells)):
        names = join_names([forum.name for forum in group.forums])
        paragraphs.append(AssembledParagraph(text=f"{group.text} ({names})", group=group))
    return AssembledDraft(paragraphs=paragraphs)


# Coverage ------------------------------------------------------------------------


@dataclass
class RegionCoverage:
    forum: Forum
    revision: Revision
    missing: list[Point]

    @property
    def count(self) -> int:
        return len(self.missing)


def is_reflected(point: str, national_paragraphs: Sequence[str]) -> bool:
    if not national_paragraphs:
        return False
    best = process.extractOne(
        point,
        national_paragraphs,
        scorer=fuzz.token_set_ratio,
        processor=utils.default_process,
        score_cutoff=REFLECTED_THRESHOLD,
    )
    return best is not None


def coverage(cells: Iterable[Cell], national_text: str) -> list[RegionCoverage]:
    """For each region with text, its points the national text does not yet reflect."""
    national_paragraphs = split_points(national_text)
    result = []
    for cell in cells:
        if cell.revision is None or not cell.revision.text.strip():
            continue
        missing = [
            point
            for point in points_of([cell])
            if not is_reflected(point.text, national_paragraphs)
        ]
        result.append(RegionCoverage(forum=cell.forum, revision=cell.revision, missing=missing))
    return result


# The workspace's filters ----------------------------------------------------------

STATUS_FILTERS = {"submitted": "Submitted", "draft": "Draft"}


def filter_cells(cells: Iterable[Cell], *, stance: str = "", status: str = "") -> list[Cell]:
    """The regions to show: by stance ("no_response" for none) and submitted or draft."""
    shown = []
    for cell in cells:
        if stance and cell.stance_key != stance:
            continue
        if status == "submitted" and not cell.submitted:
            continue
        if status == "draft" and (cell.response is None or cell.submitted):
            continue
        shown.append(cell)
    return shown


def stance_filters() -> list[tuple[str, str]]:
    return [(stance.value, stance.label) for stance in STANCE_ORDER] + [
        ("no_response", "No response")
    ]


# Using a paragraph ----------------------------------------------------------------


def insert_paragraph(text: str, paragraph: str, cursor: int | None) -> tuple[str, int]:
    """`paragraph` as its own paragraph at `cursor` (the end when None); the new text
    and where the caret goes, just after the inserted paragraph."""
    cursor = len(text) if cursor is None else max(0, min(cursor, len(text)))
    before, after = text[:cursor].rstrip(), text[cursor:].lstrip()
    head = f"{before}\n\n{paragraph}" if before else paragraph
    return (f"{head}\n\n{after}" if after else head), len(head)


class UnknownParagraph(Exception):
    """The paragraph asked for is not one of this item's, from the forums below."""
