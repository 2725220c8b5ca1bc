"""The positions matrix: every region's stance on every item of a report, with tallies."""

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from .models import (
    Forum,
    ForumKind,
    Item,
    Report,
    Response,
    Revision,
    RevisionKind,
    Section,
    Stance,
)

# The order stances are listed in, everywhere they are counted.
STANCE_ORDER = [
    Stance.AGREE,
    Stance.AGREE_WITH_CONCERNS,
    Stance.DISAGREE,
    Stance.NO_POSITION,
]


@dataclass
class Cell:
    forum: Forum
    item: Item
    response: Response | None
    section: Section | None
    revision: Revision | None  # None also when the matrix was read without texts
    stance: str | None  # None when the forum has no response

    @property
    def stance_label(self) -> str:
        return "No response" if self.stance is None else Stance(self.stance).label

    @property
    def stance_key(self) -> str:
        """The stance, or "no_response": the key of icons, filters and tallies."""
        return self.stance or "no_response"

    @property
    def icon(self) -> str:
        return STANCE_ICONS[self.stance_key]

    @property
    def text(self) -> str:
        return self.revision.text if self.revision else ""

    @property
    def submitted(self) -> bool:
        return self.response is not None and self.response.is_submitted


@dataclass
class Row:
    forum: Forum
    response: Response | None
    cells: list[Cell]


@dataclass
class Tally:
    item: Item
    counts: Counter = field(default_factory=Counter)
    no_response: int = 0

    def count(self, stance: str) -> int:
        return self.counts[stance]

    @property
    def in_order(self) -> list[tuple[str, str, int]]:
        """[(stance value, label, count)] in STANCE_ORDER, then "no response"."""
        figures = [(s.value, s.label, self.counts[s]) for s in STANCE_ORDER]
        return figures + [("no_response", "No response", self.no_response)]


@dataclass
class PositionsMatrix:
    report: Report
    items: list[Item]
    rows: list[Row]
    tallies: list[Tally]


def responding_forums() -> list[Forum]:
    """The forums whose positions make up the national statement: the regions."""
    return list(Forum.objects.filter(kind=ForumKind.REGION).order_by("name"))


def positions_matrix(
    report: Report,
    forums: Sequence[Forum] | None = None,
    items: list[Item] | None = None,
    *,
    as_of: datetime.datetime | None = None,
    with_texts: bool = True,
) -> PositionsMatrix:
    """Forums by items, each cell the stance and text; four queries whatever the size
    (five as of a moment).

    `items` narrows the columns (the national drafting workspace reads one item);
    given, it saves the items query. `as_of` shows the positions as they stood at that
    moment rather than now: revisions are never changed or deleted, so the answer for a
    past moment never changes. Without texts, the cells carry their stances only (the
    matrix page, which shows nothing else, need not read thousands of revisions).
    """
    items = list(report.items.order_by("order")) if items is None else items
    forums = responding_forums() if forums is None else forums
    found = Response.objects.filter(report=report, forum__in=forums)
    if as_of is not None:
        found = found.filter(created_at__lte=as_of)
    responses = {response.forum_id: response for response in found}
    chosen = Section.objects.filter(response__in=responses.values(), item__in=items)
    if as_of is None and not with_texts:
        sections = list(chosen.only("response_id", "item_id", "latest_stance"))
    elif as_of is None:
        sections = list(chosen.select_related("latest_revision"))
    else:
        sections = _with_revisions_as_of(chosen, as_of)
    by_key = {(section.response_id, section.item_id): section for section in sections}
    tallies = {item.pk: Tally(item=item) for item in items}
    rows = []
    for forum in forums:
        response = responses.get(forum.pk)
        if response is not None:
            response.forum = forum
            response.report = report
        cells = []
        for item in items:
            section = by_key.get((response.pk, item.pk)) if response else None
            revision = section.latest_revision if section and with_texts else None
            cell = Cell(
                forum=forum,
                item=item,
                response=response,
                section=section,
                revision=revision,
                stance=None if response is None else _stance_of(section),
            )
            cells.append(cell)
            if cell.stance is None:
                tallies[item.pk].no_response += 1
            else:
                tallies[item.pk].counts[cell.stance] += 1
        rows.append(Row(forum=forum, response=response, cells=cells))
    return PositionsMatrix(
        report=report, items=items, rows=rows, tallies=[tallies[item.pk] for item in items]
    )


def _stance_of(section: Section | None) -> str:
    """A responding forum's stance on an item: its section's latest (as of the moment
    asked for), or none yet."""
    return section.latest_stance if section is not None else Stance.NO_POSITION


def _with_revisions_as_of(sections: QuerySet[Section], as_of: datetime.datetime) -> list[Section]:
    """`sections`, each with `latest_revision` (and `latest_stance`) set to the revision
    that was its latest at `as_of` (None when it had none yet): the last saved by then,
    leaving out texts kept aside in a clash, which never become the latest. Two
    queries."""
    last = (
        Revision.objects.filter(section=OuterRef("pk"), created_at__lte=as_of)
        .exclude(kind=RevisionKind.KEPT)
        .order_by("-created_at", "-pk")
        .values("pk")[:1]
    )
    found = list(sections.annotate(revision_as_of=Subquery(last)))
    revisions = Revision.objects.in_bulk(
        [section.revision_as_of for section in found if section.revision_as_of]
    )
    result: list[Section] = []
    for section in found:
        section.latest_revision = revisions.get(section.revision_as_of)
        section.latest_stance = (
            section.latest_revision.stance if section.latest_revision else Stance.NO_POSITION
        )
        result.append(section)
    return result


# Shown beside every stance, so that no stance is told by colour alone.
STANCE_ICONS = {
    Stance.AGREE: "✓",
    Stance.AGREE_WITH_CONCERNS: "!",
    Stance.DISAGREE: "✗",
    Stance.NO_POSITION: "–",
    "no_response": "○",
}


@dataclass
class ChartSegment:
    key: str
    label: str
    icon: str
    count: int
    x: float
    width: float

    @property
    def text_x(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def shows_figure(self) -> bool:
        """Wide enough to carry its icon and figure inside the bar."""
        return self.width >= 34


@dataclass
class ChartBar:
    tally: Tally
    y: int
    segments: list[ChartSegment]

    @property
    def text_y(self) -> int:
        return self.y + 18


@dataclass
class TallyChart:
    bars: list[ChartBar]
    width: int
    height: int
    label_width: int
    bar_width: int
    legend_y: int
    legend: list[tuple[str, str, str, int]]  # (key, label, icon, x)


def tally_chart(
    tallies: list[Tally], *, bar_width: int = 560, label_width: int = 150
) -> TallyChart:
    """Geometry of a stacked bar per item for a server-rendered SVG: every forum counted
    once, in STANCE_ORDER then "no response"."""
    row_height = 32
    bars = []
    for position, tally in enumerate(tallies):
        total = sum(count for _key, _label, count in tally.in_order) or 1
        x = float(label_width)
        segments = []
        for key, label, count in tally.in_order:
            width = round(bar_width * count / total, 1)
            if count:
                segments.append(ChartSegment(key, label, STANCE_ICONS[key], count, x, width))
            x += width
        bars.append(ChartBar(tally=tally, y=position * row_height, segments=segments))
    legend_y = len(tallies) * row_height + 12
    keys = [(s.value, s.label) for s in STANCE_ORDER] + [("no_response", "No response")]
    legend, left = [], 0
    for key, label in keys:
        legend.append((key, label, STANCE_ICONS[key], left))
        left += 40 + 8 * len(label)  # the swatch, then room for the words at 13px
    return TallyChart(
        bars=bars,
        width=max(label_width + bar_width + 10, left),
        height=legend_y + 30,
        label_width=label_width,
        bar_width=bar_width,
        legend_y=legend_y,
        legend=legend,
    )


# Rolling up the levels -------------------------------------------------------------


@dataclass
class RollUpRow:
    """A forum below, its positions, and (when opened) the forums below it."""

    row: Row
    below_count: int
    opened: list[Row] | None  # None when closed

    @property
    def forum(self) -> Forum:
        return self.row.forum


@dataclass
class RollUp:
    """The positions of the forums one level below `forum`, with the tally; each of
    them can be opened to show the forums below it (a region's local forums)."""

    forum: Forum
    matrix: PositionsMatrix
    rows: list[RollUpRow]

    @property
    def opens(self) -> bool:
        """Some forum below has forums below it to show."""
        return any(row.below_count for row in self.rows)


def positions_rollup(
    report: Report, forum: Forum, *, opened: frozenset[str] = frozenset()
) -> RollUp:
    """Six queries whatever the size: the forums below with how many forums each has
    below it, their positions, and the positions of the forums below those opened (by
    slug)."""
    below = list(
        Forum.objects.filter(parent=forum).annotate(below_count=Count("children")).order_by("name")
    )
    matrix = positions_matrix(report, forums=below, with_texts=False)
    below_counts: dict[int, int] = {child.pk: child.below_count for child in below}
    open_ids = {child.pk for child in below if child.slug in opened and child.below_count}
    inner = Forum.objects.filter(parent_id__in=open_ids).order_by("name") if open_ids else []
    inner_matrix = positions_matrix(
        report, forums=list(inner), items=matrix.items, with_texts=False
    )
    inner_rows: dict[int | None, list[Row]] = {pk: [] for pk in open_ids}
    for row in inner_matrix.rows:
        inner_rows[row.forum.parent_id].append(row)
    return RollUp(
        forum=forum,
        matrix=matrix,
        rows=[
            RollUpRow(
                row=row,
                below_count=below_counts[row.forum.pk],
                opened=inner_rows.get(row.forum.pk),
            )
            for row in matrix.rows
        ],
    )


def positions_every_level(report: Report, forum: Forum) -> PositionsMatrix:
    """The forum, the forums below it and the forums below those, each followed by the
    forums below it: every level of the CSV. Five queries."""
    forums = list(
        Forum.objects.filter(
            Q(pk=forum.pk) | Q(parent=forum) | Q(parent__parent=forum)
        ).select_related("parent")
    )
    children: dict[int | None, list[Forum]] = {}
    for each in forums:
        children.setdefault(each.parent_id, []).append(each)

    def descend(node: Forum) -> list[Forum]:
        ordered = [node]
        for child in sorted(children.get(node.pk, []), key=lambda each: each.name):
            ordered += descend(child)
        return ordered

    return positions_matrix(report, forums=descend(forum))
