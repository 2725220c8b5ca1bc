"""Publishing the statement: fixing approved revisions as a version with its PDF."""

import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from . import audit, notifications
from .approval import statement_approval
from .models import ForumKind, Publication, PublishedSection, Report, Response, Revision, Section

logger = logging.getLogger(__name__)


class NotReadyToPublish(Exception):
    def __init__(self, left: list[str]):
        self.left = left
        super().__init__(
            "Every section needs its approvals before the statement can be published. "
            f"Still to approve: {', '.join(left)}."
        )


class PublishingFailed(Exception):
    """The PDF could not be made; nothing was published."""


@transaction.atomic
def publish_statement(*, statement: Response, actor) -> Publication:
    """Fix the approved revisions of every section as the next version, with its PDF."""
    from .pdf import render_response_pdf

    # One publisher at a time per statement: the version number must not collide.
    Response.objects.select_for_update().filter(pk=statement.pk).first()
    state = statement_approval(statement)
    if not state.all_approved:
        raise NotReadyToPublish([s.section.heading for s in state.left_to_approve])
    revisions = {s.section.pk: s.section.latest_revision for s in state.sections}
    latest = statement.publications.aggregate(latest=Max("version"))["latest"] or 0
    publication = Publication(
        response=statement,
        version=latest + 1,
        published_at=timezone.now(),
        published_by=actor,
    )
    try:
        pdf = render_response_pdf(statement, revisions=revisions, publication=publication)
    except Exception as error:
        logger.exception("Rendering the statement PDF failed")
        raise PublishingFailed(
            f"The PDF could not be made, so nothing was published ({error.__class__.__name__}: "
            f"{error}). Please try again; if it fails again, tell an administrator."
        ) from error
    publication.pdf_sha256 = pdf.sha256
    publication.pdf.save(
        _pdf_name(statement.report, publication), ContentFile(pdf.content), save=False
    )
    publication.save()
    PublishedSection.objects.bulk_create(
        PublishedSection(publication=publication, section_id=section_id, revision=revision)
        for section_id, revision in revisions.items()
    )
    audit.record(
        actor=actor,
        verb=audit.AuditVerb.STATEMENT_PUBLISHED,
        target=publication,
        report=statement.report,
        data={"version": publication.version, "sha256": pdf.sha256},
    )
    notifications.statement_published(publication=publication)
    return publication


def _pdf_name(report: Report, publication: Publication) -> str:
    return f"{report.slug}-v{publication.version}.pdf"


@dataclass
class PublishedEntry:
    section: Section
    revision: Revision


def _publications(report: Report):
    """The statement's publications, with what their pages show."""
    return Publication.objects.filter(
        response__report=report, response__forum__kind=ForumKind.NATIONAL
    ).select_related("response__report", "response__forum", "published_by")


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
