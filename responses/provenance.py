"""Where a forum's paragraphs came from: the provenance records read back.

A paragraph drafted from the forums below (assembled, or "Use this") is credited to
the paragraphs it drew on while it still carries their wording.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from .drafting import statement_of
from .merging import REFLECTED_THRESHOLD, reflected_score, split_points
from .models import Forum, Provenance, Report, Section


@dataclass
class ParagraphSources:
    """One paragraph of a section and the forums below whose paragraphs it drew on."""

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
    """{section id: each paragraph of its latest text with the paragraphs of the forums
    below it drew on}, for the workspace and the statement's annex; one query.

    Provenance is written for the revision that used a paragraph; later edits keep it
    as long as some paragraph still reflects the one it drew on.
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
