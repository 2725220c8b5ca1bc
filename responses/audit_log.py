"""Reading the record: audit events filtered by report, person and kind."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator

from .models import AuditEvent, Report

KINDS = {
    "submission": ("response.submitted", "response.reopened"),
    "approval": ("approval.given", "approval.withdrawn", "approval.voided", "approval.requested"),
    "publication": ("statement.published",),
    "membership": (
        "invitation.sent",
        "invitation.resent",
        "invitation.cancelled",
        "invitation.accepted",
        "membership.granted",
        "membership.changed",
        "membership.revoked",
        "user.administrator_granted",
        "user.administrator_revoked",
    ),
}
KIND_LABELS = {
    "submission": "Submissions and reopenings",
    "approval": "Approvals, withdrawals and voided approvals",
    "publication": "Publications",
    "membership": "Invitations, memberships and administrators",
}


@dataclass
class AuditLog:
    page: Page
    reports: list[Report]
    people: list
    kinds: dict[str, str]


def audit_log(*, report_id=None, actor_id=None, kind=None, page_number=1) -> AuditLog:
    events = AuditEvent.objects.select_related("actor", "report").order_by("-created_at", "-pk")
    if report_id:
        events = events.filter(report_id=report_id)
    if actor_id:
        events = events.filter(actor_id=actor_id)
    if kind in KINDS:
        events = events.filter(verb__in=KINDS[kind])
    people = get_user_model().objects.filter(audit_events__isnull=False).distinct()
    return AuditLog(
        page=Paginator(events, 50).get_page(page_number),
        reports=list(Report.objects.order_by("title")),
        people=list(people.order_by("first_name", "last_name", "username")),
        kinds=KIND_LABELS,
    )
