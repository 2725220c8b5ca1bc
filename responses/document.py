"""What a response's downloads show, read from the database in a fixed number of queries.

The PDF (`pdf/`) and the Word file (`word/`) are both rendered from this one read model,
so the two cannot drift apart. The result is plain data: rendering it asks the database
nothing more, so the same inputs always give the same document.
"""

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe

from .models import Forum, Item, Response, Revision, Section, Stance
from .positions import Cell, Tally, positions_matrix
from .text import render_markdown


class Publication(Protocol):
    """What a download shows of a publication: its version and the day it was published."""

    version: str | int
    published_on: datetime.date | datetime.datetime


@dataclass(frozen=True)
class PublicationDetails:
    """A publication as the downloads need it, for callers whose own record names these
    differently."""

    version: str | int
    published_on: datetime.date | datetime.datetime


@dataclass(frozen=True)
class Entry:
    """One heading of the body, in reading order: a part, or a section with its text."""

    anchor: str
    heading: str
    level: int
    is_section: bool = False
    takes_stance: bool = False
    position: str = ""
    # The writer's Markdown, for renderers that build their own structure from it (the
    # Word file), and the same text as sanitised HTML (the PDF).
    text: str = ""
    html: SafeString = SafeString()


@dataclass(frozen=True)
class AnnexRow:
    """One item of the annex: every region's position on it, and their tally."""

    item: Item
    cells: list[Cell]
    tally: Tally


@dataclass(frozen=True)
class Annex:
    regions: list[Forum]
    rows: list[AnnexRow]


@dataclass(frozen=True)
class ResponseDocument:
    title: str
    forum_name: str
    report_title: str
    report_publisher: str
    report_published_on: datetime.date | None
    date: datetime.date
    status: str
    version: str
    entries: list[Entry]
    annex: Annex | None

    @property
    def is_draft(self) -> bool:
        return not self.version

    @property
    def edition(self) -> str:
        """Which edition this is, in words: on the cover, in the page header and in the
        document properties."""
        day = date_format(self.date, "j F Y")
        if self.is_draft:
            return f"Draft of {day}, not published"
        return f"Version {self.version}, published {day}"


def response_document(
    response: Response,
    *,
    revisions: Mapping[int, Revision] | None = None,
    publication: Publication | None = None,
) -> ResponseDocument:
    """Everything the PDF and the Word file of `response` show.

    `revisions` maps section ids to the revisions to show instead of the latest ones (a
    section missing from it shows as not drafted); `publication` makes it the published
    edition, without the draft mark.
    """
    report = response.report
    sections = list(response.sections.select_related("item", "latest_revision").order_by("order"))
    if revisions is None:
        chosen = {section.pk: section.latest_revision for section in sections}
    else:
        for section_id, revision in revisions.items():
            if revision.section_id != section_id:
                raise ValueError(f"Revision {revision.pk} is not one of section {section_id}.")
        chosen = dict(revisions)
        if publication is not None:
            # A published edition has the sections it was published with, whatever the
            # report has gained since.
            sections = [section for section in sections if section.pk in chosen]
    parts = {part.pk: part for part in report.parts.all()}

    entries: list[Entry] = []
    current_part = None
    for section in sections:
        part = parts.get(section.item.part_id) if section.item_id else None
        if part != current_part and part is not None:
            entries.append(Entry(anchor=f"part-{part.pk}", heading=str(part), level=2))
        current_part = part
        level = 3 if part else 2
        revision = chosen.get(section.pk)
        text = revision.text if revision else ""
        stance = revision.stance if revision else Stance.NO_POSITION
        entries.append(
            Entry(
                anchor=f"section-{section.pk}",
                heading=section.heading,
                level=level,
                is_section=True,
                takes_stance=section.takes_stance,
                position=Stance(stance).label,
                text=text if text.strip() else "",
                html=nest_headings(render_markdown(text), level) if text.strip() else "",
            )
        )

    if publication is not None:
        date = _local_date(publication.published_on)
        status = "Published"
        version = str(publication.version)
    else:
        dates = [revision.created_at for revision in chosen.values() if revision is not None]
        date = _local_date(max(dates, default=response.created_at))
        status = f"{response.get_status_display()}, not published"
        version = ""
    return ResponseDocument(
        title=f"Response of {response.forum.name} to “{report.title}”",
        forum_name=response.forum.name,
        report_title=report.title,
        report_publisher=report.publisher,
        report_published_on=report.published_on,
        date=date,
        status=status,
        version=version,
        entries=entries,
        annex=_annex(response, sections, as_of=_moment(publication))
        if response.is_statement
        else None,
    )


def _moment(publication: Publication | None) -> datetime.datetime | None:
    """When a published edition was made: its annex shows the regions' positions as they
    stood then, so that it reads the same however long after it is rebuilt."""
    if publication is None or not isinstance(publication.published_on, datetime.datetime):
        return None
    return publication.published_on


def _annex(
    statement: Response, sections: list[Section], *, as_of: datetime.datetime | None
) -> Annex:
    """The regions' positions on the items of `sections`: the positions matrix turned on
    its side, as item headings are long and a page has more room down than across."""
    items = [section.item for section in sections if section.item_id]
    matrix = positions_matrix(statement.report, items=items, as_of=as_of)
    rows = [
        AnnexRow(item=item, cells=[row.cells[place] for row in matrix.rows], tally=tally)
        for place, (item, tally) in enumerate(zip(matrix.items, matrix.tallies, strict=True))
    ]
    return Annex(regions=[row.forum for row in matrix.rows], rows=rows)


def _local_date(moment: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(moment, datetime.datetime):
        return timezone.localdate(moment)
    return moment


_HEADING_TAG = re.compile(r"<(/?)h([1-6])>")


def nest_headings(html: SafeString, level: int) -> SafeString:
    """Renumber the headings in sanitised user text to sit under a heading of `level`.

    Writers pick heading sizes by eye; a screen reader and the PDF's bookmarks need them
    in order, one level below the section's own heading and never skipping a level.
    """
    opened = [int(match[2]) for match in _HEADING_TAG.finditer(html) if not match[1]]
    if not opened:
        return html
    new_levels = iter(nested_levels(opened, level))
    current = level

    def renumber(match: re.Match) -> str:
        nonlocal current
        if match[1]:
            return f"</h{current}>"
        current = next(new_levels)
        return f"<h{current}>"

    # Only the heading tags' numbers change in HTML that render_markdown made safe.
    return mark_safe(_HEADING_TAG.sub(renumber, html))  # noqa: S308


def nested_levels(found: list[int], level: int) -> list[int]:
    """The levels that headings written at levels `found` (in reading order) take under
    a heading of `level`: one below it for the largest, never skipping a level, at
    most 6."""
    rank = {each: place for place, each in enumerate(sorted(set(found)))}
    levels = []
    previous = level
    for each in found:
        previous = min(level + 1 + rank[each], previous + 1, 6)
        levels.append(previous)
    return levels
