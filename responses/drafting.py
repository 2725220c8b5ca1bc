"""Drafting responses: starting them and saving their sections."""

from django.db import IntegrityError, transaction

from .models import Forum, Report, Response, Revision, Section, SectionKind, Stance


@transaction.atomic
def start_response(*, report: Report, forum: Forum, actor) -> Response:
    """The forum's response to the report, with one section per item plus an
    introduction and a conclusion. Starting twice returns the same response."""
    existing = Response.objects.filter(report=report, forum=forum).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            response = Response.objects.create(report=report, forum=forum)
    except IntegrityError:
        # Someone started it at the same moment: theirs is the one.
        return Response.objects.get(report=report, forum=forum)
    sections = [Section(response=response, kind=SectionKind.INTRODUCTION, order=0)]
    for position, item in enumerate(report.items.order_by("order"), start=1):
        sections.append(
            Section(response=response, kind=SectionKind.ITEM, item=item, order=position)
        )
    sections.append(Section(response=response, kind=SectionKind.CONCLUSION, order=len(sections)))
    Section.objects.bulk_create(sections)
    return response


class StaleSave(Exception):
    """Someone else saved the section since this save's base revision."""


@transaction.atomic
def save_section(
    *, section: Section, text: str, stance: str, base_revision_id: int | None, actor
) -> Revision:
    """Append a revision to the section, if nobody saved since `base_revision_id`.

    The section's version column is the compare-and-set: the update only matches
    while the version is the one read here, on SQLite as on PostgreSQL.
    """
    current = Section.objects.values("version", "latest_revision_id").get(pk=section.pk)
    if current["latest_revision_id"] != base_revision_id:
        raise StaleSave
    revision = Revision.objects.create(
        section=section,
        text=text,
        stance=stance if section.takes_stance else Stance.NO_POSITION,
        author=actor,
        base_id=base_revision_id,
    )
    updated = Section.objects.filter(pk=section.pk, version=current["version"]).update(
        latest_revision=revision, version=current["version"] + 1
    )
    if not updated:
        raise StaleSave
    section.latest_revision = revision
    section.version = current["version"] + 1
    return revision
