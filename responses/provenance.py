"""Where a forum's paragraphs came from: the provenance records read back.

A paragraph drafted from the forums below (assembled, or "Use this") is credited to
the paragraphs it drew on while it still carries their wording.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from .merging import REFLECTED_THRESHOLD, reflected_score, split_points
from .models import Forum, Provenance, Revision


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


def paragraph_sources(revisions: Sequence[Revision]) -> dict[int, list[ParagraphSources]]:
    """{section id: each paragraph of the revision given for that section, with the
    paragraphs of the forums below it drew on}; one query.

    The workspace passes each section's latest revision, the published statement's
    annex the revisions it published. Provenance is written for the revision that used
    a paragraph; later edits keep it as long as some paragraph still reflects the one
    it drew on.
    """
    rows_by_section: dict[int, list[Provenance]] = {rev.section_id: [] for rev in revisions}
    rows = Provenance.objects.filter(revision__section__in=list(rows_by_section)).select_related(
        "revision", "source_revision__section__response__forum"
    )
    for row in rows:
        rows_by_section[row.revision.section_id].append(row)
    result = {}
    for revision in revisions:
        paragraphs = []
        for text in split_points(revision.text):
            seen: set[tuple[int, int]] = set()
            sources = []
            for row in rows_by_section[revision.section_id]:
                key = (row.source_revision_id, row.source_paragraph)
                if (
                    key not in seen
                    and reflected_score(row.source_text, text) >= REFLECTED_THRESHOLD
                ):
                    seen.add(key)
                    sources.append(row)
            paragraphs.append(ParagraphSources(text=text, sources=sources))
        result[revision.section_id] = paragraphs
    return result
