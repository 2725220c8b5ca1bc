"""The positions matrix: every region's stance on every item of a report, with tallies."""

from collections import Counter
from dataclasses import dataclass, field

from .models import Forum, ForumKind, Item, Report, Response, Revision, Section, Stance

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
    revision: Revision | None

    @property
    def stance(self) -> str | None:
        """The forum's stance, or None when the forum has no response."""
        if self.response is None:
            return None
        return self.revision.stance if self.revision else Stance.NO_POSITION

    @property
    def stance_label(self) -> str:
        return "No response" if self.stance is None else Stance(self.stance).label

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


def positions_matrix(report: Report, forums: list[Forum] | None = None) -> PositionsMatrix:
    """Forums by items, each cell the stance and text; four queries whatever the size."""
    items = list(report.items.order_by("order"))
    forums = responding_forums() if forums is None else forums
    responses = {
        response.forum_id: response
        for response in Response.objects.filter(report=report, forum__in=forums)
    }
    sections = Section.objects.filter(
        response__in=responses.values(), item__isnull=False
    ).select_related("latest_revision")
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
            revision = section.latest_revision if section else None
            cell = Cell(
                forum=forum, item=item, response=response, section=section, revision=revision
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
