"""The rules of responses/permissions.py, role by role."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from responses import permissions
from responses.models import ResponseStatus


def test_members_and_leads_edit_only_their_own_forums_response(
    member, lead, other_member, regional_response
):
    assert permissions.can_edit_response(member, regional_response)
    assert permissions.can_edit_response(lead, regional_response)
    assert not permissions.can_view_response(other_member, regional_response)
    assert not permissions.can_edit_response(other_member, regional_response)


def test_member_cannot_open_other_forums_response(other_member, regional_response):
    with pytest.raises(Http404):
        permissions.get_response_for_view(other_member, regional_response.pk)
    with pytest.raises(Http404):
        permissions.get_section_for_edit(other_member, regional_response.sections.first().pk)


def test_steering_reads_every_response_and_edits_only_the_statement(
    steering, regional_response, statement
):
    assert permissions.can_view_response(steering, regional_response)
    assert not permissions.can_edit_response(steering, regional_response)
    with pytest.raises(PermissionDenied):
        permissions.get_response_for_edit(steering, regional_response.pk)
    assert permissions.can_edit_response(steering, statement)


def test_regional_people_cannot_edit_the_statement(member, lead, statement):
    assert not permissions.can_view_response(member, statement)
    assert not permissions.can_edit_response(lead, statement)


def test_administrators_do_everything(admin_user, regional_response, statement):
    for response in (regional_response, statement):
        assert permissions.can_view_response(admin_user, response)
        assert permissions.can_edit_response(admin_user, response)
    assert permissions.can_submit_response(admin_user, regional_response)


def test_only_the_lead_submits(member, lead, steering, regional_response, statement):
    assert permissions.can_submit_response(lead, regional_response)
    assert not permissions.can_submit_response(member, regional_response)
    assert not permissions.can_submit_response(steering, regional_response)
    assert not permissions.can_submit_response(steering, statement)


def test_submitted_response_is_read_only(member, lead, regional_response):
    regional_response.status = ResponseStatus.SUBMITTED
    assert permissions.can_view_response(member, regional_response)
    assert not permissions.can_edit_response(member, regional_response)
    assert not permissions.can_edit_response(lead, regional_response)


def test_anonymous_and_outsiders_see_no_report_or_response(outsider, report, regional_response):
    for user in (AnonymousUser(), outsider):
        assert not permissions.can_view_report(user, report)
        assert not permissions.can_view_response(user, regional_response)
        assert list(permissions.visible_reports(user)) == []


def test_inactive_member_has_no_access(member, regional_response):
    member.is_active = False
    member.save()
    permissions.forget_roles(member)
    assert not permissions.can_view_response(member, regional_response)


def test_roles_are_read_once_per_user(member, regional_response, django_assert_num_queries):
    permissions.forget_roles(member)
    with django_assert_num_queries(1):
        for _ in range(5):
            permissions.can_edit_response(member, regional_response)


def test_administrators_and_steering_import_reports(admin_user, steering, lead, member, outsider):
    assert permissions.can_import_report(admin_user)
    assert permissions.can_import_report(steering)
    for user in (lead, member, outsider, AnonymousUser()):
        assert not permissions.can_import_report(user)
