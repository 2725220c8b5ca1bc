"""Approval rules: an approval is for one exact revision."""

import pytest
from django.core import mail
from django.urls import reverse

from responses.approval import (
    NotApproving,
    StaleApproval,
    approve_section,
    statement_approval,
    withdraw_approval,
)
from responses.models import Approval, AuditEvent, Role

from . import factories


@pytest.fixture
def section(statement, steering):
    section = statement.sections.get(order=1)
    factories.draft(section, "The national view.", author=steering)
    return section


@pytest.fixture
def third_steering(national):
    return factories.make_member(national, Role.STEERING, username="steering3")


def _state(section):
    return next(s for s in statement_approval(section.response).sections if s.section == section)


def test_section_is_approved_when_distinct_approvers_reach_the_quorum(
    section, steering, second_steering
):
    approve_section(section=section, revision_id=section.latest_revision_id, actor=steering)
    assert not _state(section).approved
    approve_section(section=section, revision_id=section.latest_revision_id, actor=second_steering)
    state = _state(section)
    assert state.approved
    assert state.count == 2


def test_approving_twice_counts_once(section, steering):
    first = approve_section(section=section, revision_id=section.latest_revision_id, actor=steering)
    second = approve_section(
        section=section, revision_id=section.latest_revision_id, actor=steering
    )
    assert first == second
    assert _state(section).count == 1
    assert not _state(section).approved
    assert AuditEvent.objects.filter(verb="approval.given").count() == 1


def test_quorum_is_set_per_report(section, steering, second_steering, third_steering):
    report = section.response.report
    report.approval_quorum = 3
    report.save()
    for person in (steering, second_steering):
        approve_section(section=section, revision_id=section.latest_revision_id, actor=person)
    assert not _state(section).approved
    approve_section(section=section, revision_id=section.latest_revision_id, actor=third_steering)
    assert _state(section).approved


def test_editing_text_voids_approval_but_keeps_it_on_the_record(section, steering, second_steering):
    approved_revision = section.latest_revision_id
    for person in (steering, second_steering):
        approve_section(section=section, revision_id=approved_revision, actor=person)
    factories.draft(section, "The national view, edited.", author=steering)
    state = _state(section)
    assert not state.approved
    assert state.earlier_revision.pk == approved_revision
    assert sorted(state.earlier_approvers) == ["Sam", "Sky"]
    assert Approval.objects.filter(revision_id=approved_revision).count() == 2
    voided = AuditEvent.objects.get(verb="approval.voided")
    assert voided.data["revision"] == approved_revision


def test_stale_approval_is_refused_and_not_recorded(section, steering):
    stale = section.latest_revision_id
    factories.draft(section, "Edited since the page was opened.", author=steering)
    with pytest.raises(StaleApproval):
        approve_section(section=section, revision_id=stale, actor=steering)
    assert not Approval.objects.exists()


def test_withdrawing_an_approval(section, steering, second_steering):
    for person in (steering, second_steering):
        approve_section(section=section, revision_id=section.latest_revision_id, actor=person)
    withdraw_approval(section=section, actor=steering)
    assert not _state(section).approved
    assert AuditEvent.objects.filter(verb="approval.withdrawn").count() == 1
    with pytest.raises(NotApproving):
        withdraw_approval(section=section, actor=steering)


def test_reaching_the_quorum_emails_the_steering_group_once_after_commit(
    section, steering, second_steering, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        approve_section(section=section, revision_id=section.latest_revision_id, actor=steering)
    assert callbacks == []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        approve_section(
            section=section, revision_id=section.latest_revision_id, actor=second_steering
        )
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 2  # one email to each steering member
    assert {message.to[0] for message in mail.outbox} == {steering.email, second_steering.email}
    assert mail.outbox[0].subject.startswith("Approved:")


# Views ----------------------------------------------------------------------------


def test_overview_lists_every_section_with_its_approval_state(client, section, steering):
    approve_section(section=section, revision_id=section.latest_revision_id, actor=steering)
    client.force_login(steering)
    page = client.get(reverse("statement_overview", args=[section.response.report.slug]))
    text = page.content.decode()
    assert "1 of 2 approvals: Sam" in text
    assert "5 sections still to approve" in text
    assert "Withdraw my approval" in text


def test_approve_from_a_stale_page_is_a_409_for_htmx(client, section, steering):
    stale = section.latest_revision_id
    factories.draft(section, "Edited meanwhile.", author=steering)
    client.force_login(steering)
    result = client.post(
        reverse("section_approve", args=[section.pk]), {"revision": stale}, HTTP_HX_REQUEST="true"
    )
    assert result.status_code == 409
    assert "edited after you opened the page" in result.content.decode()
    assert not Approval.objects.exists()


def test_approve_from_a_stale_page_without_htmx_says_why(client, section, steering):
    stale = section.latest_revision_id
    factories.draft(section, "Edited meanwhile.", author=steering)
    client.force_login(steering)
    result = client.post(
        reverse("section_approve", args=[section.pk]), {"revision": stale}, follow=True
    )
    assert "edited after you opened the page" in result.content.decode()
    assert not Approval.objects.exists()


def test_a_forged_revision_id_is_refused(client, section, steering, regional_response, member):
    other = factories.draft(regional_response.sections.get(order=1), "Regional.", author=member)
    client.force_login(steering)
    client.post(reverse("section_approve", args=[section.pk]), {"revision": other.pk})
    client.post(reverse("section_approve", args=[section.pk]), {"revision": "nonsense"})
    assert not Approval.objects.exists()


def test_approving_comes_back_to_the_section_with_the_word_there(client, section, steering):
    """Approving eleven sections one after another: each time the page comes back at
    the section just approved, and says so there, not at the top out of view."""
    client.force_login(steering)
    result = client.post(
        reverse("section_approve", args=[section.pk]), {"revision": section.latest_revision_id}
    )
    assert result.url.endswith(f"#approval-{section.pk}")
    page = client.get(result.url).content.decode()
    start = page.index(f'id="approval-{section.pk}"')
    assert page.index("You approved") > start
    assert page.index("You approved") < page.index("</section>", start)


def test_regional_sections_cannot_be_approved(client, steering, regional_response, member):
    regional = regional_response.sections.get(order=1)
    factories.draft(regional, "Regional.", author=member)
    client.force_login(steering)
    result = client.post(
        reverse("section_approve", args=[regional.pk]), {"revision": regional.latest_revision_id}
    )
    assert result.status_code == 404
    assert not Approval.objects.exists()


def test_request_approval_emails_the_steering_group(
    client, section, steering, second_steering, django_capture_on_commit_callbacks
):
    client.force_login(steering)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("statement_request_approval", args=[section.response.report.slug]))
    assert len(mail.outbox) == 2
    assert "Recommendation 1" in mail.outbox[0].body
    assert AuditEvent.objects.filter(verb="approval.requested").exists()


def test_overview_shows_who_approved_an_earlier_version_and_what_changed(
    client, section, steering, second_steering
):
    for person in (steering, second_steering):
        approve_section(section=section, revision_id=section.latest_revision_id, actor=person)
    factories.draft(section, "The national view, sharpened.", author=steering)
    client.force_login(steering)
    page = client.get(reverse("statement_overview", args=[section.response.report.slug]))
    text = page.content.decode()
    assert "Approved by Sam and Sky for an earlier version" in text
    assert "[deleted: </span>view." in text
    assert "[inserted: </span>view, sharpened." in text


@pytest.mark.parametrize("who", ["steering", "admin_user"])
def test_whoever_may_start_the_statement_gets_the_button_on_the_overview(
    client, request, report, national, who
):
    client.force_login(request.getfixturevalue(who))
    page = client.get(reverse("statement_overview", args=[report.slug])).content.decode()
    assert "Start the national statement" in page
    assert reverse("response_start", args=[report.slug, national.slug]) in page
