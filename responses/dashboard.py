"""What the dashboard shows: the reports a user can act on and each forum's progress,
level by level."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, Q

from . import permissions
from .models import Forum, ForumKind, Report, Response, SectionKind, Stance
from .people import Person

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    class _ItemCount(TypedDict):
        item_count: int

    class _SectionCounts(TypedDict):
        sections_with_text: int
        stances_taken: int

    # The rows as the dashboard's queries annotate them.
    CountedReport = WithAnnotations[Report, _ItemCount]
    CountedResponse = WithAnnotations[Response, _SectionCounts]

_LEVEL_WORDS: dict[str, str] = {ForumKind.REGION: "Regions", ForumKind.LOCAL: "Local forums"}


@dataclass
class ForumProgress:
    forum: Forum
    response: Response | None
    item_count: int
    can_start: bool = False
    sections_with_text: int = 0
    stances_taken: int = 0
    below: LevelProgress | None = None  # the forums one level below, counted

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
class LevelProgress:
    """How far the forums of one level (or one region's local forums) have got."""

    word: str  # "Regions", "Local forums"
    total: int = 0
    submitted: int = 0
    drafting: int = 0

    @property
    def not_started(self) -> int:
        return self.total - self.submitted - self.drafting

    def count(self, progress: ForumProgress) -> None:
        self.total += 1
        if progress.submitted:
            self.submitted += 1
        elif progress.started:
            self.drafting += 1


@dataclass
class ReportCard:
    report: Report
    item_count: int
    own: list[ForumProgress] = field(default_factory=list)
    others: list[ForumProgress] = field(default_factory=list)
    levels: list[LevelProgress] = field(default_factory=list)
    others_heading: str = "Local forums"

    @property
    def others_have_below(self) -> bool:
        return any(progress.below for progress in self.others)


def _counted_responses(
    reports: Sequence[Report], forums: Sequence[Forum]
) -> dict[tuple[int, int], CountedResponse]:
    # Counted from the sections' own columns: reading each latest revision's text to
    # tell whether it is empty took most of the page's time at the network's size.
    has_text = Q(sections__latest_words__gt=0)
    took_stance = Q(sections__kind=SectionKind.ITEM) & ~Q(
        sections__latest_stance=Stance.NO_POSITION
    )
    responses = Response.objects.filter(report__in=reports, forum__in=forums).annotate(
        sections_with_text=Count("sections", filter=has_text),
        stances_taken=Count("sections", filter=took_stance),
    )
    return {(response.report_id, response.forum_id): response for response in responses}


def _card(
    user: Person,
    report: CountedReport,
    *,
    forums: list[Forum],
    by_key: dict[tuple[int, int], CountedResponse],
    own_ids: set[int],
) -> ReportCard:
    card = ReportCard(report=report, item_count=report.item_count)
    levels = {kind: LevelProgress(word=word) for kind, word in _LEVEL_WORDS.items()}
    below: dict[int, LevelProgress] = defaultdict(lambda: LevelProgress(word="Local forums"))
    shown = []
    for forum in forums:
        response = by_key.get((report.pk, forum.pk))
        progress = ForumProgress(
            forum=forum,
            response=response,
            item_count=report.item_count,
            can_start=response is None and permissions.can_start_response(user, forum),
        )
        if response is not None:
            response.report, response.forum = report, forum
            progress.sections_with_text = response.sections_with_text
            progress.stances_taken = response.stances_taken
        if forum.kind in levels:
            levels[forum.kind].count(progress)
        if forum.parent_id is not None:
            below[forum.parent_id].count(progress)
        shown.append(progress)
    # Someone who follows the whole network sees the national network and the regions
    # row by row, and each region's local forums as counts; a region's people see their
    # local forums row by row.
    whole_network = permissions.sees_every_forum(user)
    if whole_network:
        card.others_heading = "The national network and the regions"
    for progress in shown:
        progress.below = below.get(progress.forum.pk) if progress.forum.drafts_from_below else None
        if progress.forum.pk in own_ids:
            card.own.append(progress)
        elif not (whole_network and progress.forum.kind == ForumKind.LOCAL):
            card.others.append(progress)
    card.levels = [
        level
        for kind, level in levels.items()
        if level.total and (whole_network or (kind == ForumKind.LOCAL and card.others))
    ]
    return card


def dashboard_for(user: Person) -> list[ReportCard]:
    """Everything the dashboard needs, in a fixed number of queries."""
    reports = list(permissions.visible_reports(user).annotate(item_count=Count("items")))
    if not reports:
        return []
    own_ids = permissions.own_forum_ids(user)
    forums = list(permissions.visible_forums(user))
    # National network first, then regions alphabetically, then local forums.
    order: dict[str, int] = {ForumKind.NATIONAL: 0, ForumKind.REGION: 1, ForumKind.LOCAL: 2}
    forums.sort(key=lambda forum: (order.get(forum.kind, 3), forum.name))
    by_key = _counted_responses(reports, forums)
    return [
        _card(user, report, forums=forums, by_key=by_key, own_ids=own_ids) for report in reports
    ]
