"""Who else has a section open now: the drafting page's heartbeat, read back."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Response, Section, SectionPresence
from .names import display_name
from .people import User

# Someone counts as editing a section for this long after their last heartbeat
# (the page beats every 15 seconds; two missed beats and they are gone).
PRESENCE_WINDOW = datetime.timedelta(seconds=45)


def record_presence(*, section: Section, actor: User) -> None:
    """The user has the section open now (the page's heartbeat)."""
    now = timezone.now()
    if SectionPresence.objects.filter(section=section, user=actor).update(last_seen=now):
        return
    try:
        with transaction.atomic():
            SectionPresence.objects.create(section=section, user=actor, last_seen=now)
    except IntegrityError:
        # Their other tab beat this one to it.
        SectionPresence.objects.filter(section=section, user=actor).update(last_seen=now)


def editors_by_section(response: Response, *, viewer: User) -> dict[int, list[str]]:
    """{section id: names of the other people with it open now} (one query)."""
    since = timezone.now() - PRESENCE_WINDOW
    presences = (
        SectionPresence.objects.filter(section__response=response, last_seen__gte=since)
        .exclude(user=viewer)
        .select_related("user")
        .order_by("user__first_name", "user__username")
    )
    editors: dict[int, list[str]] = {}
    for presence in presences:
        editors.setdefault(presence.section_id, []).append(display_name(presence.user))
    return editors
