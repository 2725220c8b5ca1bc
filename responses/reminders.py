"""Deadline reminders to forum leads whose response still lacks stances."""

import datetime

from django.db import transaction
from django.utils import timezone

from . import notifications
from .models import Forum, ForumKind, Reminder, Report, Stance
from .positions import positions_matrix

REMINDER_DAYS = (7, 3, 1)


def send_deadline_reminders(*, today: datetime.date | None = None) -> list[Reminder]:
    """Remind the leads of every regional and local forum that still lacks stances 7,
    3 and 1 days before a deadline. Safe to run more than once a day: each reminder
    goes once."""
    today = today or timezone.localdate()
    forums = list(
        Forum.objects.filter(kind__in=[ForumKind.REGION, ForumKind.LOCAL]).order_by("name")
    )
    sent = []
    for days in REMINDER_DAYS:
        deadline = today + datetime.timedelta(days=days)
        for report in Report.objects.filter(response_deadline=deadline):
            for row in positions_matrix(report, forums=forums).rows:
                if row.response is not None and row.response.is_submitted:
                    continue
                if row.response is None:
                    missing = -1  # not started
                else:
                    missing = sum(1 for cell in row.cells if cell.stance == Stance.NO_POSITION)
                    if missing == 0:
                        continue
                with transaction.atomic():
                    reminder, created = Reminder.objects.get_or_create(
                        report=report, forum=row.forum, days_before=days
                    )
                    if created:
                        notifications.deadline_reminder(
                            report=report, forum=row.forum, days_left=days, missing=missing
                        )
                        sent.append(reminder)
    return sent
