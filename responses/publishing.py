"""Publishing the statement: fixing approved revisions as a version with its PDF."""

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from . import audit, notifications
from .approval import StatementApproval, statement_approval
from .models import ForumKind, Publication, PublishedSection, Report, Response, Revision, Section
from .search import index_publication

if TYPE_CHECKING:
    from .pdf import RenderedPdf

logger = logging.getLogger(__name__)


class NotPublished(Exception):
    """Nothing was published: the message says why, for the user."""


class NotReadyToPublish(NotPublished):
    def __init__(self, left: list[str]):
        self.left = left
        super().__init__(
            "Every section needs its approvals before the statement can be published. "
            f"Still to approve: {', '.join(left)}."
        )


class PublishingFailed(NotPublished):
    """The PDF could not be made; nothing was published."""


class ChangedWhilePublishing(NotPublished):
    """Sections were edited while the PDF was being made; nothing was published."""

    def __init__(self, changed: list[str]):
        self.changed = changed
        super().__init__(
            "While the PDF was being made, these sections were edited, so nothing was "
            f"published: {', '.join(changed)}. Read and approve their new text, then "
            "publish again."
        )


class _VersionTaken(Exception):
    """Someone else published the version this PDF was made for, while it was made."""


# A publisher whose version number is taken makes the PDF again for the next one; that
# happens only while others publish at the same moment, so a few tries are plenty.
PUBLISH_ATTEMPTS = 3


def publish_statement(*, statement: Response, actor) -> Publication:
    """Fix the approved revisions of every section as the next version, with its PDF.

    Making the PDF takes seconds for a long statement, so it happens before any
    transaction: holding the statement's lock that long would make every autosave of
    it wait. The short transaction afterwards locks the statement, checks that the
    revisions in the PDF are still every section's latest and approved, and writes the
    publication; if a section changed meanwhile, nothing is published.
    """
    for _attempt in range(PUBLISH_ATTEMPTS):
        state = statement_approval(statement)
        _check_approved(state)
        revisions = {s.section.pk: s.section.latest_revision for s in state.sections}
        publication = Publication(
            response=statement,
            version=_latest_version(statement) + 1,
            published_at=timezone.now(),
            published_by=actor,
        )
        pdf = _render(statement, revisions, publication)
        # Stored before the transaction too, so as not to hold the lock while the file
        # store takes it; removed again if the transaction publishes nothing.
        publication.pdf_sha256 = pdf.sha256
        publication.pdf.save(
            _pdf_name(statement.report, publication), ContentFile(pdf.content), save=False
        )
        try:
            return _record_publication(publication, revisions, actor=actor)
        except BaseException as error:
            publication.pdf.delete(save=False)  # nothing was published, so no file either
            if not isinstance(error, _VersionTaken):
                raise
    raise PublishingFailed(
        "Others were publishing the statement at the same moment, so nothing more was "
        "published. See its latest version, and publish again if it is still needed."
    )


def _check_approved(state: StatementApproval) -> None:
    if not state.all_approved:
        raise NotReadyToPublish([s.section.heading for s in state.left_to_approve])


def _latest_version(statement: Response) -> int:
    return statement.publications.aggregate(latest=Max("version"))["latest"] or 0


def _render(
    statement: Response, revisions: dict[int, Revision], publication: Publication
) -> "RenderedPdf":
    from .pdf import render_response_pdf

    try:
        return render_response_pdf(statement, revisions=revisions, publication=publication)
    except Exception as error:
        logger.exception("Rendering the statement PDF failed")
        raise PublishingFailed(
            f"The PDF could not be made, so nothing was published ({error.__class__.__name__}: "
            f"{error}). Please try again; if it fails again, tell an administrator."
        ) from error


@transaction.atomic
def _record_publication(
    publication: Publication, revisions: dict[int, Revision], *, actor
) -> Publication:
    """Write the publication, if the statement is still as its PDF shows it."""
    statement = publication.response
    # One publisher at a time per statement, and no save of its sections meanwhile
    # (a save locks the statement too): the checks below hold until the commit.
    Response.objects.select_for_update().filter(pk=statement.pk).first()
    state = statement_approval(statement)
    changed = [
        s.section.heading
        for s in state.sections
        if s.section.pk not in revisions
        or s.section.latest_revision_id != revisions[s.section.pk].pk
    ]
    if changed:
        raise ChangedWhilePublishing(changed)
    _check_approved(state)  # an approval withdrawn meanwhile
    if _latest_version(statement) + 1 != publication.version:
        raise _VersionTaken
    publication.save()
    PublishedSection.objects.bulk_create(
        PublishedSection(publication=publication, section_id=section_id, revision=revision)
        for section_id, revision in revisions.items()
    )
    index_publication(publication)
    audit.record(
        actor=actor,
        verb=audit.AuditVerb.STATEMENT_PUBLISHED,
        target=publication,
        report=statement.report,
        data={"version": publication.version, "sha256": publication.pdf_sha256},
    )
    notifications.statement_published(publication=publication)
    return publication


def _pdf_name(report: Report, publication: Publication) -> str:
    return f"{report.slug}-v{publication.version}.pdf"


@dataclass
class PublishedEntry:
    section: Section
    revision: Revision


def _statement_publications():
    """Every publication of a national statement, with what their pages show."""
    return Publication.objects.filter(response__forum__kind=ForumKind.NATIONAL).select_related(
        "response__report", "response__forum", "published_by"
    )


def _publications(report: Report):
    """The statement's publications for `report`."""
    return _statement_publications().filter(response__report=report)


def published_statements() -> list[Publication]:
    """The latest publication of every published statement, the newest first: one
    query, whatever the number of reports and versions."""
    latest: dict[int, Publication] = {}
    for publication in _statement_publications().order_by("-version"):
        latest.setdefault(publication.response.report_id, publication)
    return sorted(latest.values(), key=lambda each: each.published_at, reverse=True)


def latest_publication(report: Report) -> Publication | None:
    return _publications(report).order_by("-version").first()


def publication_of(report: Report, version: int) -> Publication | None:
    return _publications(report).filter(version=version).first()


def published_entries(publication: Publication) -> list[PublishedEntry]:
    """The sections of a publication with the exact revisions it fixed, in order."""
    rows = publication.published_sections.select_related(
        "section__item__part", "revision"
    ).order_by("section__order")
    return [PublishedEntry(section=row.section, revision=row.revision) for row in rows]


def published_provenance(entries: list[PublishedEntry]) -> list[tuple[Section, list]]:
    """For the annex: each published section that drew on the forums' text below, with
    its paragraphs as published (not as saved since) and where each came from (one
    query)."""
    from .provenance import paragraph_sources

    by_section = paragraph_sources([entry.revision for entry in entries])
    return [
        (entry.section, by_section[entry.section.pk])
        for entry in entries
        if any(paragraph.sources for paragraph in by_section[entry.section.pk])
    ]
