"""Emails the product sends. Each is queued only once the decision is committed."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse

from .models import Forum, ForumKind, Invitation, Publication, Report, Response, Role, Section
from .names import display_name
from .people import User


def _queue(*, subject: str, body: str, users: Iterable[User]) -> None:
    _queue_to(subject=subject, body=body, addresses=[user.email for user in users])


def _queue_to(*, subject: str, body: str, addresses: Iterable[str]) -> None:
    recipients = sorted({address for address in addresses if address})
    if not recipients:
        return

    def enqueue() -> None:
        from .tasks import send_email

        send_email.enqueue(subject=subject, body=body, recipients=recipients)

    transaction.on_commit(enqueue)


def _people(**membership_filter: object) -> QuerySet[User]:
    return (
        get_user_model()
        .objects.filter(
            is_active=True, **{f"memberships__{k}": v for k, v in membership_filter.items()}
        )
        .distinct()
    )


def steering_group() -> QuerySet[User]:
    return _people(role=Role.STEERING, forum__kind=ForumKind.NATIONAL)


def regional_leads(forum: Forum | None = None) -> QuerySet[User]:
    if forum is not None:
        return _people(role=Role.LEAD, forum=forum)
    return _people(role=Role.LEAD, forum__kind=ForumKind.REGION)


def _link(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def approval_requested(*, statement: Response, actor: User, sections: list[str]) -> None:
    report = statement.report
    listing = "\n".join(f"- {heading}" for heading in sections) or "- (every section is approved)"
    _queue(
        subject=f"Please approve the statement on {report.title}",
        body=(
            f"{display_name(actor)} asks the steering group to "
            f"approve the national statement on {report.title}.\n\n"
            f"Sections still to approve:\n{listing}\n\n"
            f"Read and approve them here: "
            f"{_link(reverse('statement_overview', args=[report.slug]))}\n"
        ),
        users=steering_group(),
    )


def section_approved(*, section: Section) -> None:
    report = section.response.report
    _queue(
        subject=f"Approved: {section.heading}",
        body=(
            f"“{section.heading}” of the national statement on {report.title} now has "
            f"the approvals it needs.\n\n"
            f"See what is left: {_link(reverse('statement_overview', args=[report.slug]))}\n"
        ),
        users=steering_group(),
    )


def statement_published(*, publication: Publication) -> None:
    report = publication.response.report
    _queue(
        subject=f"Published: the national statement on {report.title}",
        body=(
            f"The national statement on {report.title} is published "
            f"({publication.version_label}).\n\n"
            f"Read it and download the PDF: {_link(publication.get_absolute_url())}\n"
        ),
        users=[*steering_group(), *regional_leads()],
    )


def deadline_reminder(*, report: Report, forum: Forum, days_left: int, missing: int) -> None:
    day_word = "day" if days_left == 1 else "days"
    what = (
        "has not been started yet"
        if missing < 0
        else f"still has {missing} item{'s' if missing != 1 else ''} without a stance"
    )
    _queue(
        subject=f"{days_left} {day_word} left to respond to {report.title}",
        body=(
            f"{forum.name}'s response to {report.title} {what}. "
            f"Responses are due on {report.response_deadline:%-d %B %Y}.\n\n"
            f"Open it here: {_link(reverse('dashboard'))}\n"
        ),
        users=regional_leads(forum),
    )


def invitation_sent(*, invitation: Invitation, path: str) -> None:
    inviter = invitation.invited_by
    who = display_name(inviter) if inviter else "A forum lead"
    role = invitation.get_role_display().lower()
    _queue_to(
        subject=f"You are invited to join {invitation.forum.name}",
        body=(
            f"{who} invites you to join {invitation.forum.name} as a {role} on NNPCF "
            f"responses, where parent carer forums draft their answers to reports and "
            f"consultations together.\n\n"
            f"Accept the invitation here (the link works once, until "
            f"{invitation.expires_at:%-d %B %Y}):\n{_link(path)}\n\n"
            f"If you were not expecting this, you can ignore this email.\n"
        ),
        addresses=[invitation.email],
    )
