"""Small factory functions for test data: keyword defaults, nothing hidden."""

import datetime
import itertools
import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase
from django.urls import resolve
from django.utils import timezone

from responses.drafting import save_section, start_response
from responses.importing.imports import start_import
from responses.importing.reading import read_text
from responses.invitations import invite
from responses.models import (
    Forum,
    ForumKind,
    Item,
    ItemKind,
    Membership,
    Part,
    Report,
    Response,
    Role,
    Stance,
)

_counter = itertools.count(1)
PASSWORD = "a-long-test-password"


def make_user(username: str | None = None, *, staff: bool = False, **fields):
    n = next(_counter)
    username = username or f"user{n}"
    user = get_user_model().objects.create_user(
        username=username,
        password=PASSWORD,
        email=f"{username}@example.org",
        is_staff=staff,
        is_superuser=staff,
        **fields,
    )
    return user


def make_national() -> Forum:
    forum = Forum.objects.filter(kind=ForumKind.NATIONAL).first()
    return forum or Forum.objects.create(
        name="National Network of Parent Carer Forums", slug="national", kind=ForumKind.NATIONAL
    )


def make_region(name: str | None = None) -> Forum:
    n = next(_counter)
    name = name or f"Region {n}"
    return Forum.objects.create(
        name=name,
        slug=f"region-{n}",
        kind=ForumKind.REGION,
        parent=make_national(),
    )


def make_local(region: Forum, name: str | None = None) -> Forum:
    n = next(_counter)
    return Forum.objects.create(
        name=name or f"Local forum {n}", slug=f"local-{n}", kind=ForumKind.LOCAL, parent=region
    )


def make_member(forum: Forum, role: str = Role.MEMBER, **user_fields):
    user = make_user(**user_fields)
    Membership.objects.create(user=user, forum=forum, role=role)
    return user


def invite_someone(forum: Forum, *, actor, email: str = "newcomer@example.org", role=Role.MEMBER):
    """Invite an address as a lead does; returns the invitation and the token of the
    link in the email it was sent (the only place a working link exists)."""
    invitation = None

    def send():
        nonlocal invitation
        invitation = invite(actor=actor, forum=forum, email=email, role=role)

    token = token_sent_by(send)
    return invitation, token


def token_sent_by(send) -> str:
    """Call `send` (which emails an invitation) and commit, as a request would; the
    token of the link in the email it sent."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        send()
    return token_in(mail.outbox[-1])


def token_in(message) -> str:
    """The invitation token of the accept link in an email."""
    path = re.search(r"https?://[^/\s]+(/invitations/accept/\S+/)", message.body).group(1)
    return resolve(path).kwargs["token"]


def make_report(*, items: int = 3, slug: str | None = None, **fields) -> Report:
    n = next(_counter)
    defaults = {
        "title": f"Report {n} on SEND",
        "publisher": "LGA",
        "response_deadline": timezone.localdate() + datetime.timedelta(days=14),
    }
    defaults.update(fields)
    report = Report.objects.create(slug=slug or f"report-{n}", **defaults)
    part = Part.objects.create(report=report, order=1, label="Part 2", title="Recommendations")
    for number in range(1, items + 1):
        Item.objects.create(
            report=report,
            part=part,
            order=number,
            kind=ItemKind.RECOMMENDATION,
            number=str(number),
            title=f"Recommendation title {number}",
            text=f"The report's text for recommendation {number}.",
        )
    return report


def make_response(report: Report, forum: Forum, *, author=None) -> Response:
    author = author or make_user()
    return start_response(report=report, forum=forum, actor=author)


def draft(section, text: str = "Our view.", stance: str = Stance.AGREE, *, author=None):
    """Save one revision on top of the section's latest, and return it."""
    return save_section(
        section=section,
        text=text,
        stance=stance,
        base_revision_id=section.latest_revision_id,
        actor=author or make_user(),
    ).revision


def approve_everything(statement, *, approvers, text: str = "The national view."):
    """Give every section of the statement text and the approvals it needs."""
    from responses.approval import approve_section

    for section in statement.sections.all():
        if section.latest_revision_id is None:
            draft(section, text, Stance.AGREE, author=approvers[0])
        for approver in approvers:
            approve_section(section=section, revision_id=section.latest_revision_id, actor=approver)


def publish(statement, *, approvers):
    from responses.publishing import publish_statement

    approve_everything(statement, approvers=approvers)
    return publish_statement(statement=statement, actor=approvers[0])


SAMPLE_REPORT_TEXT = """Towards an effective SEND system

Part 1: Key findings

Spending on high needs has risen faster than funding.

Part 2: Recommendations

Recommendation 1: Vision and guiding principles

Set a national vision for SEND.

Recommendation 2: A national framework

Describe needs and the support expected for them.
"""


def make_report_import(owner, text: str = SAMPLE_REPORT_TEXT):
    """An import waiting in its preview: the key finding and two recommendations."""
    return start_import(actor=owner, source_name="Pasted text", blocks=read_text(text))
