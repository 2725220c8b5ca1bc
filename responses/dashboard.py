"""What the dashboard shows: the reports a user can act on and each forum's progress."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from . import permissions
from .models import Forum, Report, Response, SectionKind, Stance


@dataclass
class ForumProgress:
    forum: Forum
    response: Response | None
    item_count: int
    sections_with_text: int = 0
    stances_taken: int = 0

    @property
    def started(self) -> bool:
        return self.response is not None

    @property
    def submitted(self) -> bool:
        return self.response is not None and self.response.is_submitted

    @property
    def section_count(self) -> int:
        return self.item_count + 2


@dataclass
class ReportCard:
    report: Report
    item_count: int
    own: list[ForumProgress] = field(default_factory=list)
    others: list[ForumProgress] = field(default_factory=list)


def dashboard_for(user) -> list[ReportCard]:
    """Everything the dashboard needs, in a fixed number of queries."""
    reports = list(permissions.visible_reports(user).annotate(item_count=Count("items")))
    if not reports:
        return []
    own_ids = permissions.own_forum_ids(user)
    forums = list(permissions.visible_forums(user).order_by("kind", "name"))
    # National network first, then regions alphabetically.
    forums.sort(key=lambda forum: (not forum.is_national, forum.name))
    has_text = Q(sections__latest_revision__isnull=False) & ~Q(sections__latest_revision__text="")
    took_stance = (
        Q(sections__kind=SectionKind.ITEM)
        & Q(sections__latest_revision__isnull=False)
        & ~Q(sections__latest_revision__stance=Stance.NO_POSITION)
    )
    responses = Response.objects.filter(report__in=reports, forum__in=forums).annotate(
        sections_with_text=Count("sections", filter=has_text),
        stances_taken=Count("sections", filter=took_stance),
    )
    by_key = {(response.report_id, response.forum_id): response for response in responses}
    cards = []
    for report in reports:
        card = ReportCard(report=report, item_count=report.item_count)
        for forum in forums:
            response = by_key.get((report.pk, forum.pk))
            progress = ForumProgress(forum=forum, response=response, item_count=report.item_count)
            if response is not None:
                response.report = report
                response.forum = forum
                progress.sections_with_text = response.sections_with_text
                progress.stances_taken = response.stances_taken
            (card.own if forum.pk in own_ids else card.others).append(progress)
        cards.append(card)
    return cards
