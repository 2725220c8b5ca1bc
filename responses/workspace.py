"""Drafting a forum's response from the forums one level below it.

The national network drafts its statement from the regions; a region drafts its
response from its local forums. Both use this one workspace: for one item, the
forums below side by side, the forum's own section beside them, "Assemble" to build a
starting draft from theirs, "Use this" to take one paragraph, and what their text says
that the forum's does not yet reflect. The text rules are in `merging.py`.
"""

from dataclasses import dataclass

from django.db import transaction

from . import audit
from .drafting import SaveOutcome, save_section, start_response
from .forums import forums_below
from .merging import (
    Point,
    RegionCoverage,
    UnknownParagraph,
    assemble,
    coverage,
    filter_cells,
    insert_paragraph,
    points_of,
    split_points,
    tally_sentence,
)
from .models import (
    Forum,
    ForumKind,
    Item,
    Provenance,
    ProvenanceHow,
    Report,
    Response,
    Revision,
    Section,
    Stance,
)
from .positions import Cell, PositionsMatrix, Tally, positions_matrix
from .provenance import ParagraphSources, paragraph_sources
from .refusals import ActionRefused


@dataclass
class SourcePanel:
    """One forum below: its stance and text for the item, point by point, and for each
    point the forums further below whose words it carries (the local forums behind a
    region's point, on the national workspace)."""

    cell: Cell
    points: list[Point]
    behind: list[list[Forum]]

    @property
    def rows(self) -> list[tuple[Point, list[Forum]]]:
        return list(zip(self.points, self.behind, strict=True))


@dataclass
class Workspace:
    report: Report
    forum: Forum
    item: Item
    response: Response | None
    section: Section | None
    matrix: PositionsMatrix
    panels: list[SourcePanel]  # the forums below that are shown, after the filters
    tally: Tally
    coverage: list[RegionCoverage]
    paragraphs: list[ParagraphSources]

    @property
    def text(self) -> str:
        return self.section.text if self.section else ""

    @property
    def stance(self) -> str:
        return self.section.stance if self.section else Stance.NO_POSITION

    @property
    def tally_sentence(self) -> str:
        return tally_sentence(self.tally, forum_word=self.forum.below_word)

    @property
    def missing_total(self) -> int:
        return sum(below.count for below in self.coverage)

    @property
    def base_revision_id(self) -> int | None:
        return self.section.latest_revision_id if self.section else None

    @property
    def texts(self) -> list[str]:
        """Every text the page renders from Markdown: the section's, each point shown
        from the forums below and each one not yet reflected."""
        texts = [self.text]
        texts += [point.text for panel in self.panels for point in panel.points]
        texts += [point.text for below in self.coverage for point in below.missing]
        return texts


def statement_of(report: Report) -> Response | None:
    """The national statement on the report: the national forum's response, once started."""
    return (
        Response.objects.filter(report=report, forum__kind=ForumKind.NATIONAL)
        .select_related("report", "forum")
        .first()
    )


def response_of(report: Report, forum: Forum) -> Response | None:
    response = Response.objects.filter(report=report, forum=forum).first()
    if response is not None:
        response.report, response.forum = report, forum
    return response


def _section_of(response: Response | None, item: Item) -> Section | None:
    if response is None:
        return None
    return (
        Section.objects.select_related("latest_revision__author", "item")
        .filter(response=response, item=item)
        .first()
    )


def _behind(cells: list[Cell]) -> dict[int, list[list[Forum]]]:
    """{section id: for each of its paragraphs, the forums below it they drew on}."""
    revisions = [cell.section.latest_revision for cell in cells if cell.section is not None]
    sources = paragraph_sources([revision for revision in revisions if revision is not None])
    return {pk: [paragraph.forums for paragraph in rows] for pk, rows in sources.items()}


def _paragraphs(section: Section | None) -> list[ParagraphSources]:
    if section is None or section.latest_revision is None:
        return []
    return paragraph_sources([section.latest_revision])[section.pk]


def _panel(cell: Cell, behind: dict[int, list[list[Forum]]]) -> SourcePanel:
    points = points_of([cell])
    forums = behind.get(cell.section.pk, []) if cell.section is not None else []
    if len(forums) != len(points):
        forums = [[] for _point in points]
    return SourcePanel(cell=cell, points=points, behind=forums)


def item_workspace(
    *, report: Report, forum: Forum, item: Item, stance: str = "", status: str = ""
) -> Workspace:
    """Everything the drafting page for one item of `forum`'s response needs, in a
    fixed number of queries whatever the number of forums below."""
    response = response_of(report, forum)
    section = _section_of(response, item)
    below = forums_below(forum)
    matrix = positions_matrix(report, forums=below, items=[item])
    all_cells = [row.cells[0] for row in matrix.rows]
    shown = filter_cells(all_cells, stance=stance, status=status)
    behind = _behind(shown) if below and below[0].drafts_from_below else {}
    return Workspace(
        report=report,
        forum=forum,
        item=item,
        response=response,
        section=section,
        matrix=matrix,
        panels=[_panel(cell, behind) for cell in shown],
        tally=matrix.tallies[0],
        coverage=coverage(all_cells, section.text if section else ""),
        paragraphs=_paragraphs(section),
    )


# Writing the forum's section -----------------------------------------------------


def _verbs(forum: Forum) -> tuple[audit.AuditVerb, audit.AuditVerb]:
    """What the record calls assembling and "Use this" for the forum's section."""
    if forum.is_national:
        return audit.AuditVerb.STATEMENT_ASSEMBLED, audit.AuditVerb.STATEMENT_PARAGRAPH_USED
    return audit.AuditVerb.RESPONSE_ASSEMBLED, audit.AuditVerb.RESPONSE_PARAGRAPH_USED


@dataclass(frozen=True)
class NotSaved:
    """Why a workspace write left the forum's section as it was: the save was refused
    (`refusal`: nothing was stored), or it clashed with a later save (`clash`: the
    user's text is kept in the section's history)."""

    refusal: ActionRefused | None = None
    clash: SaveOutcome | None = None

    @property
    def clashed_with_others(self) -> bool:
        """The clash is with someone else's words, not with the user's own later save
        (another tab or window)."""
        return self.clash is not None and bool(self.clash.merged_authors)


def _save(
    *, section: Section, text: str, stance: str, base_revision_id, actor
) -> Revision | NotSaved:
    """Save through the drafting rules (merge, never overwrite): the section's latest
    revision after the save, or why the save did not become it."""
    try:
        outcome = save_section(
            section=section,
            text=text,
            stance=stance,
            base_revision_id=base_revision_id,
            actor=actor,
        )
    except ActionRefused as refusal:
        # Caught here, not in the view: raising on would undo, with this transaction,
        # what the write had already kept (the typed text saved before assembling).
        return NotSaved(refusal=refusal)
    return NotSaved(clash=outcome) if outcome.is_conflict else outcome.revision


def start_section(*, report: Report, forum: Forum, item: Item, actor) -> Section:
    """The forum's section for the item, open for drafting: its response is started if
    need be (which records itself). Starting twice changes nothing."""
    response = start_response(report=report, forum=forum, actor=actor)
    return response.sections.select_related("response__forum").get(item=item)


def _provenance(revision: Revision, point: Point, text: str, how: str) -> Provenance:
    """`revision`'s paragraph `text` drew on `point`, a paragraph from one level below."""
    return Provenance(
        revision=revision,
        source_revision=point.revision,
        source_paragraph=point.index,
        source_text=point.text,
        national_text=text,
        how=how,
    )


def _record(rows: list[Provenance]) -> None:
    # The same paragraph used twice in one revision is one source.
    Provenance.objects.bulk_create(rows, ignore_conflicts=True)


@transaction.atomic
def assemble_starting_draft(
    *,
    report: Report,
    forum: Forum,
    item: Item,
    stance: str = "",
    status: str = "",
    typed_text: str | None = None,
    typed_stance: str = "",
    base_revision_id,
    actor,
) -> Revision | NotSaved:
    """Save, as the forum's section's next revision, a starting draft assembled from
    the forums below that are shown (all of them unless filtered), with its
    provenance. What the editor held (`typed_text`, `typed_stance`) is saved first, so
    that it stays in the section's history even if the autosave had not caught up."""
    section = start_section(report=report, forum=forum, item=item, actor=actor)
    typed_stance = typed_stance or section.stance
    typed = None if typed_text is None else typed_text.replace("\r\n", "\n")
    base = {"base_revision_id": base_revision_id}
    if typed is not None and (typed, typed_stance) != (section.text, section.stance):
        kept = _save(section=section, text=typed, stance=typed_stance, **base, actor=actor)
        if isinstance(kept, NotSaved):
            return kept
        base = {"base_revision_id": kept.pk}
    matrix = positions_matrix(report, forums=forums_below(forum), items=[item])
    cells = filter_cells([row.cells[0] for row in matrix.rows], stance=stance, status=status)
    draft = assemble(matrix.tallies[0], cells, forum_word=forum.below_word)
    revision = _save(section=section, text=draft.text, stance=typed_stance, **base, actor=actor)
    if isinstance(revision, NotSaved):
        return revision
    rows = [
        _provenance(revision, point, paragraph.text, ProvenanceHow.ASSEMBLED)
        for paragraph in draft.paragraphs
        if paragraph.group is not None
        for point in paragraph.group.points
    ]
    _record(rows)
    audit.record(
        actor=actor,
        verb=_verbs(forum)[0],
        target=section,
        report=report,
        data={"revision": revision.pk, "points": len(rows), "forums": len(cells)},
    )
    return revision


def source_paragraph(
    *, report: Report, forum: Forum, item: Item, revision_id: int, index: int
) -> Point:
    """A paragraph of a revision, for this item, of a forum one level below `forum`;
    ids from a form are untrusted."""
    revision = (
        Revision.objects.select_related("section__response__forum")
        .filter(
            pk=revision_id,
            section__item=item,
            section__response__report=report,
            section__response__forum__parent=forum,
        )
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
    forum: Forum,
    item: Item,
    point: Point,
    text: str | None,
    stance: str,
    cursor: int | None,
    base_revision_id,
    actor,
) -> tuple[Revision | NotSaved, int]:
    """Insert a paragraph from a forum below into the forum's section at the cursor (or
    at the end) of `text` (the editor's text; the saved text when None), save it as the
    next revision and record where it came from. Returns the revision and the caret."""
    section = start_section(report=report, forum=forum, item=item, actor=actor)
    current = section.text if text is None else text
    new_text, caret = insert_paragraph(current, point.text, cursor)
    revision = _save(
        section=section,
        text=new_text,
        stance=stance or section.stance,
        base_revision_id=base_revision_id,
        actor=actor,
    )
    if isinstance(revision, NotSaved):
        return revision, caret
    _record([_provenance(revision, point, point.text, ProvenanceHow.INSERTED)])
    audit.record(
        actor=actor,
        verb=_verbs(forum)[1],
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
