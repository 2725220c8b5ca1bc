import datetime

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from responses.drafting import save_section
from responses.models import ResponseStatus, Role, Stance

from . import factories


def _deadline_in(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def _fill_every_stance(response, author):
    for section in response.sections.filter(item__isnull=False):
        save_section(
            section=section,
            text="Done.",
            stance=Stance.AGREE,
            base_revision_id=section.latest_revision_id,
            actor=author,
        )


def test_reminders_go_only_to_leads_of_forums_lacking_stances(
    national, django_capture_on_commit_callbacks
):
    report = factories.make_report(items=2, response_deadline=_deadline_in(7))
    lacking, complete, submitted, not_started = (factories.make_region() for _ in range(4))
    leads = {
        forum: factories.make_member(forum, Role.LEAD)
        for forum in (lacking, complete, submitted, not_started)
    }
    factories.make_member(lacking, Role.MEMBER)  # members are not reminded
    factories.make_response(report, lacking, author=leads[lacking])
    _fill_every_stance(factories.make_response(report, complete), leads[complete])
    done = factories.make_response(report, submitted)
    done.status = ResponseStatus.SUBMITTED
    done.save()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_deadline_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115

    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([leads[lacking].email, leads[not_started].email])
    lacking_mail = next(m for m in mail.outbox if m.to == [leads[lacking].email])
    assert "7 days left" in lacking_mail.subject
    assert "2 items without a stance" in lacking_mail.body


def test_reminders_go_7_3_and_1_days_before_and_only_once(
    national, django_capture_on_commit_callbacks
):
    from responses.reminders import send_deadline_reminders

    region = factories.make_region()
    factories.make_member(region, Role.LEAD)
    report = factories.make_report(items=1, response_deadline=_deadline_in(10))
    sent_days = []
    for days_before in range(10, -1, -1):
        today = report.response_deadline - datetime.timedelta(days=days_before)
        with django_capture_on_commit_callbacks(execute=True):
            if send_deadline_reminders(today=today):
                sent_days.append(days_before)
            assert send_deadline_reminders(today=today) == []  # a second run sends nothing
    assert sent_days == [7, 3, 1]
    assert len(mail.outbox) == 3


def test_local_forum_leads_are_reminded_too(national, django_capture_on_commit_callbacks):
    factories.make_report(items=1, response_deadline=_deadline_in(3))
    region = factories.make_region()
    region_lead = factories.make_member(region, Role.LEAD)
    local = factories.make_local(region, "Camden")
    local_lead = factories.make_member(local, Role.LEAD)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_deadline_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(m.to[0] for m in mail.outbox) == sorted([region_lead.email, local_lead.email])
