"""Reading the record: audit events filtered by report, person and kind, ready to show.

The page gets plain rows computed here, never the events themselves: an event's data
is whatever its writer stored, and a key such as "items" would shadow the dict's own
methods in a template.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator

from .models import AuditEvent, AuditVerb, Report
from .names import display_name
from .people import User

# The part of a verb before its dot names its area; the filter offers every event of an
# area, then each verb in it. A verb in a new area needs its area here: (group, noun).
AREAS = {
    "report": ("Reports", "report"),
    "response": ("Responses", "response"),
    "comment": ("Comments", "comment"),
    "statement": ("The statement", "statement"),
    "approval": ("Approvals", "approval"),
    "invitation": ("Invitations", "invitation"),
    "membership": ("Memberships", "membership"),
    "user": ("Administrators", "administrator"),
    "api_token": ("API tokens", "API token"),
}


def _area(verb: str) -> str:
    return verb.partition(".")[0]


def kind_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The filter's choices, grouped by area: [(area label, [(value, label)])]."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for verb in AuditVerb:
        area = _area(verb.value)
        groups.setdefault(area, [(area, f"All {AREAS[area][1]} events")])
        groups[area].append((verb.value, verb.label))
    return [(AREAS[area][0], choices) for area, choices in groups.items()]


def _verbs_of_kind(kind: str) -> list[str]:
    return [verb.value for verb in AuditVerb if kind in (verb.value, _area(verb.value))]


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(_shown(part) for part in value)
    if isinstance(value, dict):
        return "; ".join(f"{_label(str(key))}: {_shown(part)}" for key, part in value.items())
    return str(value)


def details(data: dict[Any, Any]) -> list[tuple[str, str]]:
    """(label, value) for each piece of an event's data that has something to say."""
    return [
        (_label(str(key)), _shown(value))
        for key, value in data.items()
        if value not in (None, "", [], {})
    ]


@dataclass(frozen=True)
class Entry:
    """One event as the record's page shows it."""

    event: AuditEvent
    what: str
    who: str
    details: list[tuple[str, str]]


def entry(event: AuditEvent) -> Entry:
    actor = event.actor
    who = display_name(actor) if actor else "The system"
    # An event written under a verb since retired keeps showing its stored string.
    what = AuditVerb(event.verb).label if event.verb in AuditVerb.values else event.verb
    data = event.data if isinstance(event.data, dict) else {"data": event.data}
    return Entry(event=event, what=what, who=who, details=details(data))


@dataclass
class AuditLog:
    page: Page
    entries: list[Entry]
    reports: list[Report]
    people: list[User]
    kinds: list[tuple[str, list[tuple[str, str]]]]


def audit_log(
    *,
    report_id: int | None = None,
    actor_id: int | None = None,
    kind: str | None = None,
    page_number: int = 1,
) -> AuditLog:
    events = AuditEvent.objects.select_related("actor", "report").order_by("-created_at", "-pk")
    if report_id:
        events = events.filter(report_id=report_id)
    if actor_id:
        events = events.filter(actor_id=actor_id)
    if kind:
        events = events.filter(verb__in=_verbs_of_kind(kind))
    people = get_user_model().objects.filter(audit_events__isnull=False).distinct()
    page = Paginator(events, 50).get_page(page_number)
    return AuditLog(
        page=page,
        entries=[entry(event) for event in page.object_list],
        reports=list(Report.objects.order_by("title")),
        people=list(people.order_by("first_name", "last_name", "username")),
        kinds=kind_choices(),
    )
