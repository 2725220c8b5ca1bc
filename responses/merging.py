"""From many forums to one statement: tallies, points, merging, coverage, provenance.

The steering group drafts each national section from the regions' sections for the
same item. This module holds the rules: the sentence that gives the balance of
positions, how regional text splits into points, which points from different regions
say the same thing, the starting draft built from them, which regional points the
national text does not yet reflect, and the record of where national paragraphs
came from.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from rapidfuzz import fuzz, process, utils

from . import audit
from .drafting import SaveRefused, save_section, start_response, statement_of
from .forums import national_forum
from .models import (
    Forum,
    ForumKind,
    Item,
    ItemKind,
    Provenance,
    ProvenanceHow,
    Report,
    Response,
    Revision,
    Section,
    Stance,
)
from .positions import STANCE_ORDER, Cell, PositionsMatrix, Tally, positions_matrix

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

_ITEM_NOUNS = {
    ItemKind.FINDING: "this finding",
    ItemKind.RECOMMENDATION: "this recommendation",
    ItemKind.QUESTION: "this proposal",
    ItemKind.OTHER: "this",
}

# stance: (singular, plural) of what the forums do; "{it}" is the item noun, said once.
_CLAUSES = {
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
_SHORT_CLAUSES = {
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


def assemble(tally: Tally, cells: Sequence[Cell]) -> AssembledDraft:
    """A starting draft for one item: the balance of positions, then each point the
    regions made, near-duplicates merged, each followed by the regions that made it."""
    paragraphs = [AssembledParagraph(text=tally_sentence(tally), group=None)]
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


# Provenance ----------------------------------------------------------------------


@dataclass
class ParagraphSources:
    """One paragraph of a national section and the regions it came from."""

    text: str
    sources: list[Provenance]

    @property
    def forums(self) -> list[Forum]:
        seen: dict[int, Forum] = {}
        for row in self.sources:
            forum = row.source_revision.section.response.forum
            seen.setdefault(forum.pk, forum)
        return sorted(seen.values(), key=lambda forum: forum.name)


def paragraph_sources(sections: Sequence[Section]) -> dict[int, list[ParagraphSources]]:
    """{section id: each paragraph of its latest text with the regional paragraphs it
    drew on}, for the workspace and the statement's annex; one query.

    Provenance is written for the revision that used a paragraph; later edits keep it
    as long as some paragraph still reflects the regional one.
    """
    rows_by_section: dict[int, list[Provenance]] = {section.pk: [] for section in sections}
    rows = Provenance.objects.filter(revision__section__in=list(sections)).select_related(
        "revision", "source_revision__section__response__forum"
    )
    for row in rows:
        rows_by_section[row.revision.section_id].append(row)
    result = {}
    for section in sections:
        paragraphs = []
        for text in split_points(section.text):
            seen: set[tuple[int, int]] = set()
            sources = []
            for row in rows_by_section[section.pk]:
                key = (row.source_revision_id, row.source_paragraph)
                if (
                    key not in seen
                    and reflected_score(row.source_text, text) >= REFLECTED_THRESHOLD
                ):
                    seen.add(key)
                    sources.append(row)
            paragraphs.append(ParagraphSources(text=text, sources=sources))
        result[section.pk] = paragraphs
    return result


def statement_provenance(report: Report) -> list[tuple[Section, list[ParagraphSources]]]:
    """For the statement's annex: each national section that drew on regional text,
    with its paragraphs and the regions each came from. Three queries."""
    statement = statement_of(report)
    if statement is None:
        return []
    sections = list(
        statement.sections.filter(latest_revision__isnull=False)
        .select_related("latest_revision", "item")
        .order_by("order")
    )
    by_section = paragraph_sources(sections)
    return [
        (section, by_section[section.pk])
        for section in sections
        if any(paragraph.sources for paragraph in by_section[section.pk])
    ]


# The national drafting workspace -----------------------------------------------

STATUS_FILTERS = {"submitted": "Submitted", "draft": "Draft"}


@dataclass
class RegionPanel:
    """One region's stance and text for the item, point by point."""

    cell: Cell
    points: list[Point]


@dataclass
class Workspace:
    report: Report
    item: Item
    statement: Response | None
    section: Section | None
    matrix: PositionsMatrix
    regions: list[RegionPanel]  # the regions shown, after the filters
    tally: Tally
    coverage: list[RegionCoverage]
    paragraphs: list[ParagraphSources]

    @property
    def national_text(self) -> str:
        return self.section.text if self.section else ""

    @property
    def national_stance(self) -> str:
        return self.section.stance if self.section else Stance.NO_POSITION

    @property
    def tally_sentence(self) -> str:
        return tally_sentence(self.tally)

    @property
    def missing_total(self) -> int:
        return sum(region.count for region in self.coverage)

    @property
    def base_revision_id(self) -> int | None:
        return self.section.latest_revision_id if self.section else None


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


def statement_section(report: Report, item: Item) -> tuple[Response | None, Section | None]:
    statement = statement_of(report)
    if statement is None:
        return None, None
    section = (
        Section.objects.select_related("latest_revision__author", "item")
        .filter(response=statement, item=item)
        .first()
    )
    return statement, section


def item_workspace(report: Report, item: Item, *, stance: str = "", status: str = "") -> Workspace:
    """Everything the national drafting page for one item needs, in a fixed number of
    queries whatever the number of regions."""
    statement, section = statement_section(report, item)
    matrix = positions_matrix(report, items=[item])
    all_cells = [row.cells[0] for row in matrix.rows]
    return Workspace(
        report=report,
        item=item,
        statement=statement,
        section=section,
        matrix=matrix,
        regions=[
            RegionPanel(cell=cell, points=points_of([cell]))
            for cell in filter_cells(all_cells, stance=stance, status=status)
        ],
        tally=matrix.tallies[0],
        coverage=coverage(all_cells, section.text if section else ""),
        paragraphs=paragraph_sources([section])[section.pk] if section else [],
    )


# Writing the national section ---------------------------------------------------


def _save(*, section: Section, text: str, stance: str, base_revision_id, actor) -> Revision | None:
    """Save through the drafting rules (merge, never overwrite); the section's latest
    revision after the save, or None when the save was refused or clashed with someone
    else's edit (the user's text is then kept in the section's history)."""
    try:
        outcome = save_section(
            section=section,
            text=text,
            stance=stance,
            base_revision_id=base_revision_id,
            actor=actor,
        )
    except SaveRefused:
        return None
    return None if outcome.is_conflict else outcome.revision


def national_section_for(*, report: Report, item: Item, actor) -> Section:
    """The statement's section for the item, starting the statement if need be."""
    statement = start_response(report=report, forum=national_forum(), actor=actor)
    return statement.sections.get(item=item)


@transaction.atomic
def start_national_section(*, report: Report, item: Item, actor) -> Section:
    """Open the national section for drafting (starting the statement if need be), so
    that the workspace can show the shared editor. Starting twice changes nothing."""
    started = statement_of(report) is not None
    section = national_section_for(report=report, item=item, actor=actor)
    if not started:
        audit.record(
            actor=actor,
            verb=audit.AuditVerb.STATEMENT_STARTED,
            target=section.response,
            report=report,
        )
    return section


def _record(rows: list[Provenance]) -> None:
    # The same regional paragraph used twice in one revision is one source.
    Provenance.objects.bulk_create(rows, ignore_conflicts=True)


@transaction.atomic
def assemble_starting_draft(
    *,
    report: Report,
    item: Item,
    stance: str = "",
    status: str = "",
    typed_text: str | None = None,
    typed_stance: str = "",
    base_revision_id,
    actor,
) -> Revision | None:
    """Save, as the national section's next revision, a starting draft assembled from
    the regions shown (all of them unless filtered), with its provenance. What the
    editor held (`typed_text`, `typed_stance`) is saved first, so that it stays in the
    section's history even if the autosave had not caught up."""
    section = national_section_for(report=report, item=item, actor=actor)
    typed_stance = typed_stance or section.stance
    typed = None if typed_text is None else typed_text.replace("\r\n", "\n")
    base = {"base_revision_id": base_revision_id}
    if typed is not None and (typed, typed_stance) != (section.text, section.stance):
        kept = _save(section=section, text=typed, stance=typed_stance, **base, actor=actor)
        if kept is None:
            return None
        base = {"base_revision_id": kept.pk}
    matrix = positions_matrix(report, items=[item])
    cells = filter_cells([row.cells[0] for row in matrix.rows], stance=stance, status=status)
    draft = assemble(matrix.tallies[0], cells)
    revision = _save(section=section, text=draft.text, stance=typed_stance, **base, actor=actor)
    if revision is None:
        return None
    rows = [
        Provenance(
            revision=revision,
            source_revision=point.revision,
            source_paragraph=point.index,
            source_text=point.text,
            national_text=paragraph.text,
            how=ProvenanceHow.ASSEMBLED,
        )
        for paragraph in draft.paragraphs
        if paragraph.group is not None
        for point in paragraph.group.points
    ]
    _record(rows)
    audit.record(
        actor=actor,
        verb=audit.AuditVerb.STATEMENT_ASSEMBLED,
        target=section,
        report=report,
        data={"revision": revision.pk, "points": len(rows), "regions": len(cells)},
    )
    return revision


def insert_paragraph(text: str, paragraph: str, cursor: int | None) -> tuple[str, int]:
    """`paragraph` as its own paragraph at `cursor` (the end when None); the new text
    and where the caret goes, just after the inserted paragraph."""
    cursor = len(text) if cursor is None else max(0, min(cursor, len(text)))
    before, after = text[:cursor].rstrip(), text[cursor:].lstrip()
    head = f"{before}\n\n{paragraph}" if before else paragraph
    return (f"{head}\n\n{after}" if after else head), len(head)


class UnknownParagraph(Exception):
    """The regional paragraph asked for is not one of this item's."""


def regional_paragraph(*, report: Report, item: Item, revision_id: int, index: int) -> Point:
    """A paragraph of a region's revision for this item; ids from a form are untrusted."""
    revision = (
        Revision.objects.select_related("section__response__forum")
        .filter(
            pk=revision_id,
            section__item=item,
            section__response__report=report,
        )
        .exclude(section__response__forum__kind=ForumKind.NATIONAL)
        .first()
    )
    if revision is None:
        raise UnknownParagraph
    points = split_points(revision.text)
    if not 0 <= index < len(points):
        raise UnknownParagraph
    return Point(
        forum=revision.section.response.forum, revision=revision, index=index, text=points[index]
    )


@transaction.atomic
def use_paragraph(
    *,
    report: Report,
    item: Item,
    point: Point,
    text: str | None,
    stance: str,
    cursor: int | None,
    base_revision_id,
    actor,
) -> tuple[Revision | None, int]:
    """Insert a regional paragraph into the national section at the cursor (or at the
    end) of `text` (the editor's text; the saved text when None), save it as the next
    revision and record where it came from. Returns the revision and the caret."""
    section = national_section_for(report=report, item=item, actor=actor)
    current = section.text if text is None else text
    new_text, caret = insert_paragraph(current, point.text, cursor)
    revision = _save(
        section=section,
        text=new_text,
        stance=stance or section.stance,
        base_revision_id=base_revision_id,
        actor=actor,
    )
    if revision is None:
        return None, caret
    _record(
        [
            Provenance(
                revision=revision,
                source_revision=point.revision,
                source_paragraph=point.index,
                source_text=point.text,
                national_text=point.text,
                how=ProvenanceHow.INSERTED,
            )
        ],
    )
    audit.record(
        actor=actor,
        verb=audit.AuditVerb.STATEMENT_PARAGRAPH_USED,
        target=section,
        report=report,
        data={
            "revision": revision.pk,
            "source_revision": point.revision.pk,
            "paragraph": point.index,
            "forum": point.forum.name,
        },
    )
    return revision, caret
