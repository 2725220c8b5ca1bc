"""What the API answers beyond the rows it finds: read in a fixed number of queries
whatever the size.

The rows themselves are found by the endpoints through `responses.permissions` and
`responses.publishing`.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet, prefetch_related_objects

from ..models import Item, Publication, Report, Response, Revision, Section, Stance
from ..publishing import published_entries
from ..rendering import rendered


@dataclass(frozen=True)
class SectionRead:
    """One section as it reads: its latest revision in a draft, the revision the
    publication fixed in a published statement."""

    id: int
    kind: str
    order: int
    heading: str
    item_id: int | None
    stance: str | None  # None for the introduction and the conclusion, which take none
    text: str
    html: str
    revision_id: int | None
    saved_at: datetime.datetime | None


def _section_reads(pairs: Iterable[tuple[Section, Revision | None]]) -> list[SectionRead]:
    """The sections with their texts, and the texts as sanitised HTML read in one
    query (two when a text was never shown before)."""
    pairs = list(pairs)
    html = rendered(revision.text for _section, revision in pairs if revision is not None)
    reads = []
    for section, revision in pairs:
        text = revision.text if revision is not None else ""
        stance = revision.stance if revision is not None else Stance.NO_POSITION
        reads.append(
            SectionRead(
                id=section.pk,
                kind=section.kind,
                order=section.order,
                heading=section.heading,
                item_id=section.item_id,
                stance=stance if section.takes_stance else None,
                text=text,
                html=str(html.get(text, "")),
                revision_id=revision.pk if revision is not None else None,
                saved_at=revision.created_at if revision is not None else None,
            )
        )
    return reads


def response_sections(response: Response) -> list[SectionRead]:
    """Every section of the response as it stands now, in order."""
    sections = response.sections.select_related("item", "latest_revision").order_by("order")
    return _section_reads((section, section.latest_revision) for section in sections)


def section_as_it_stands(section: Section) -> SectionRead:
    """A section read with its item and latest revision (as `permissions` finds it)."""
    return _section_reads([(section, section.latest_revision)])[0]


def published_sections(publication: Publication) -> list[SectionRead]:
    """The sections exactly as the publication fixed them, in order."""
    return _section_reads(
        (entry.section, entry.revision) for entry in published_entries(publication)
    )


def versions_of(publication: Publication) -> list[Publication]:
    """Every published version of the same statement, the newest first."""
    versions = list(publication.response.publications.order_by("-version"))
    for version in versions:
        version.response = publication.response  # their addresses name its report
    return versions


def _items() -> Prefetch:
    return Prefetch("items", queryset=Item.objects.select_related("part").order_by("order"))


def with_items(reports: QuerySet[Report]) -> QuerySet[Report]:
    """Reports with their items in order, each with its part: one more query for any
    number of reports."""
    return reports.prefetch_related(_items())


def report_with_items(report: Report) -> Report:
    prefetch_related_objects([report], _items())
    return report
