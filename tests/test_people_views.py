"""The pages of a forum's people, and the page an invitation's link opens."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from responses.invitations import open_link
from responses.models import AuditEvent, Invitation, Membership, Role

from . import factories


def _people_url(forum):
    return reverse("forum_people", args=[forum.slug])


def _invite_url(forum):
    return reverse("forum_invite", args=[forum.slug])


def _accept_url(token):
    return reverse("invitation_accept", args=[token])


def _rows():
    return (Invitation.objects.count(), Membership.objects.count(), AuditEvent.objects.count())


def _messages(response):
    return [str(message) for message in response.context["messages"]]


# The people page ----------------------------------------------------------------------


def test_a_lead_sees_members_invitations_and_the_invite_form(client, region, lead, member):
    factories.invite_someone(region, actor=lead, email="waiting@example.org")
    client.force_login(lead)
    page = client.get(_people_url(region))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<h1>People in London</h1>" in html
    assert "member@example.org" in html and "lead@example.org" in html
    assert "waiting@example.org" in html and "Waiting" in html
    assert f'action="{reverse("membership_role", args=[member.memberships.get().pk])}"' in html
    assert 'for="id_email"' in html and 'for="id_role"' in html
    assert '<option value="lead">Lead</option>' in html
    assert "Steering" not in html


def test_an_expired_invitation_shows_as_expired(client, region, lead):
    invitation, _ = factories.invite_someone(region, actor=lead)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=invitation.sent_at)
    client.force_login(lead)
    assert "Expired" in client.get(_people_url(region)).content.decode()


def test_the_people_page_makes_as_many_queries_for_30_members_as_for_3(client, region, lead):
    def count():
        client.force_login(lead)
        with CaptureQueriesContext(connection) as queries:
            client.get(_people_url(region))
        return len(queries)

    for _ in range(2):
        factories.make_member(region, Role.MEMBER)
    factories.invite_someone(region, actor=lead, email="one@example.org")
    small = count()
    for n in range(27):
        factories.make_member(region, Role.MEMBER)
        factories.invite_someone(region, actor=lead, email=f"invited{n}@example.org")
    assert count() == small


@pytest.mark.parametrize(
    ("role", "status"),
    [("member", 403), ("steering", 403), ("other_member", 404), ("outsider", 404)],
)
def test_only_the_forums_leads_reach_its_people(client, request, region, lead, role, status):
    invitation, _ = factories.invite_someone(region, actor=lead)
    membership = lead.memberships.get()
    client.force_login(request.getfixturevalue(role))
    before = _rows()
    assert client.get(_people_url(region)).status_code == status
    posts = [
        (_invite_url(region), {"email": "sneaky@example.org", "role": "lead"}),
        (reverse("invitation_resend", args=[invitation.pk]), {}),
        (reverse("invitation_cancel", args=[invitation.pk]), {}),
        (reverse("membership_role", args=[membership.pk]), {"role": "member"}),
        (reverse("membership_remove", args=[membership.pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == status, url
    assert _rows() == before


def test_a_region_lead_does_not_run_a_local_forum_they_do_not_lead(client, region, lead):
    local = factories.make_local(region, "Camden")
    local_lead = factories.make_member(local, Role.LEAD)
    client.force_login(lead)
    assert client.get(_people_url(local)).status_code == 403
    assert (
        client.post(_invite_url(local), {"email": "a@example.org", "role": "member"}).status_code
        == 403
    )
    client.force_login(local_lead)
    assert client.get(_people_url(local)).status_code == 200


def test_administrators_run_the_steering_groups_people(client, national, steering, admin_user):
    client.force_login(admin_user)
    page = client.get(_people_url(national))
    assert page.status_code == 200
    assert "Change role" not in page.content.decode()  # the steering group has one role
    client.post(_invite_url(national), {"email": "new@example.org", "role": "steering"})
    assert Invitation.objects.get().forum == national
    client.force_login(steering)
    assert client.get(_people_url(national)).status_code == 403


# Inviting -----------------------------------------------------------------------------


def test_a_lead_invites_someone(client, region, lead, django_capture_on_commit_callbacks):
    client.force_login(lead)
    with django_capture_on_commit_callbacks(execute=True):
        result = client.post(_invite_url(region), {"email": "New@Example.org", "role": "lead"})
    assert result.status_code == 302 and result.url == _people_url(region)
    invitation = Invitation.objects.get()
    assert (invitation.forum, invitation.email, invitation.role) == (
        region,
        "new@example.org",
        Role.LEAD,
    )
    assert len(mail.outbox) == 1
    assert open_link(factories.token_in(mail.outbox[0])).invitation == invitation
    page = client.get(result.url)
    assert "Invitation sent to new@example.org" in page.content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "not-an-address", "role": "member"}, "email", "does not look like an email"),
        ({"email": "", "role": "member"}, "email", "Enter the email address"),
        ({"email": "member@example.org", "role": "member"}, "email", "already a member"),
        ({"email": "new@example.org", "role": "steering"}, "role", "not one this forum has"),
        ({"email": "new@example.org"}, "role", "This field is required"),
    ],
)
def test_an_invitation_that_cannot_be_sent_is_explained_on_its_field(
    client, region, lead, member, data, field, message
):
    client.force_login(lead)
    before = _rows()
    page = client.post(_invite_url(region), data)
    assert page.status_code == 400
    errors = page.context["form"].errors
    assert list(errors) == [field] and message in errors[field][0]
    html = page.content.decode()
    assert f'id="id_{field}"' in html and 'aria-invalid="true"' in html
    assert _rows() == before
    assert mail.outbox == []


def test_the_forum_named_in_the_form_is_ignored(client, region, other_region, lead):
    client.force_login(lead)
    client.post(
        _invite_url(region),
        {"email": "new@example.org", "role": "member", "forum": other_region.pk},
    )
    assert Invitation.objects.get().forum == region


def test_inviting_into_another_forum_through_its_address_is_refused(client, other_region, lead):
    client.force_login(lead)
    before = _rows()
    result = client.post(_invite_url(other_region), {"email": "new@example.org", "role": "lead"})
    assert result.status_code == 404
    assert _rows() == before


def test_inviting_the_same_address_twice_makes_one_invitation(client, region, lead):
    client.force_login(lead)
    for _ in range(2):
        client.post(_invite_url(region), {"email": "new@example.org", "role": "member"})
    assert Invitation.objects.count() == 1
    assert list(AuditEvent.objects.values_list("verb", flat=True).order_by("pk")) == [
        "invitation.sent",
        "invitation.resent",
    ]


# Resending, cancelling, roles, removing ------------------------------------------------


def test_resend_sends_a_new_link_and_the_old_one_stops(client, region, lead):
    invitation, old = factories.invite_someone(region, actor=lead)
    client.force_login(lead)
    new = factories.token_sent_by(
        lambda: client.post(reverse("invitation_resend", args=[invitation.pk]))
    )
    assert open_link(old).problem == "forged"
    assert open_link(new).can_accept
    assert AuditEvent.objects.filter(verb="invitation.resent", actor=lead).exists()


def test_cancel_stops_the_invitation(client, region, lead):
    invitation, token = factories.invite_someone(region, actor=lead)
    client.force_login(lead)
    result = client.post(reverse("invitation_cancel", args=[invitation.pk]), follow=True)
    assert "is cancelled" in _messages(result)[0]
    assert open_link(token).problem == "cancelled"
    assert AuditEvent.objects.filter(verb="invitation.cancelled", actor=lead).exists()
    again = client.post(reverse("invitation_cancel", args=[invitation.pk]), follow=True)
    assert "already cancelled" in _messages(again)[0]


def test_a_lead_changes_a_members_role(client, region, lead, member):
    membership = member.memberships.get()
    client.force_login(lead)
    result = client.post(reverse("membership_role", args=[membership.pk]), {"role": "lead"})
    assert result.url == _people_url(region)
    membership.refresh_from_db()
    assert membership.role == Role.LEAD
    assert AuditEvent.objects.get(verb="membership.changed").actor == lead


@pytest.mark.parametrize("role", ["steering", "owner", ""])
def test_a_role_the_forum_does_not_have_changes_nothing(client, region, lead, member, role):
    membership = member.memberships.get()
    client.force_login(lead)
    result = client.post(
        reverse("membership_role", args=[membership.pk]), {"role": role}, follow=True
    )
    assert "not one this forum has" in _messages(result)[0]
    membership.refresh_from_db()
    assert membership.role == Role.MEMBER
    assert not AuditEvent.objects.exists()


def test_the_last_lead_is_told_they_cannot_step_down_or_leave(client, region, lead, member):
    own = lead.memberships.get()
    client.force_login(lead)
    demoted = client.post(
        reverse("membership_role", args=[own.pk]), {"role": "member"}, follow=True
    )
    assert "London would have no lead left" in _messages(demoted)[0]
    removed = client.post(reverse("membership_remove", args=[own.pk]), follow=True)
    assert "London would have no lead left" in _messages(removed)[0]
    own.refresh_from_db()
    assert own.role == Role.LEAD
    assert not AuditEvent.objects.exists()


def test_a_lead_who_steps_down_goes_back_to_the_dashboard(client, region, lead, member):
    factories.make_member(region, Role.LEAD)
    client.force_login(lead)
    result = client.post(
        reverse("membership_role", args=[lead.memberships.get().pk]), {"role": "member"}
    )
    assert result.url == reverse("dashboard")


def test_removing_asks_first_then_removes_on_the_record(client, region, lead, member):
    membership = member.memberships.get()
    url = reverse("membership_remove", args=[membership.pk])
    client.force_login(lead)
    confirm = client.get(url)
    assert "Remove Mo from London?" in confirm.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()
    result = client.post(url, follow=True)
    assert "is no longer a member of London" in _messages(result)[0]
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.get(verb="membership.revoked").actor == lead


# Accepting -------------------------------------------------------------------------------


def _newcomer(**changes):
    return {
        "first_name": "Nia",
        "last_name": "Jones",
        "password1": "plain-carer-words-42",
        "password2": "plain-carer-words-42",
        **changes,
    }


def test_a_newcomer_sets_their_name_and_password_and_lands_on_their_forums_response(
    client, region, lead, regional_response
):
    _, token = factories.invite_someone(region, actor=lead)
    form_page = client.get(_accept_url(token))
    html = form_page.content.decode()
    assert form_page.status_code == 200
    assert "Join London" in html and 'for="id_first_name"' in html
    assert 'value="newcomer@example.org"' in html
    result = client.post(_accept_url(token), _newcomer())
    assert result.status_code == 302 and result.url == regional_response.get_absolute_url()
    membership = Membership.objects.get(user__email="newcomer@example.org")
    assert (membership.forum, membership.role) == (region, Role.MEMBER)
    assert client.get(result.url).status_code == 200  # signed in
    assert client.session["_auth_user_id"] == str(membership.user_id)
    assert set(AuditEvent.objects.values_list("verb", flat=True)) >= {
        "invitation.accepted",
        "membership.granted",
    }


def test_a_newcomer_to_a_forum_with_no_response_yet_lands_on_the_dashboard(client, region, lead):
    _, token = factories.invite_someone(region, actor=lead)
    result = client.post(_accept_url(token), _newcomer(), follow=True)
    assert result.redirect_chain[-1][0] == reverse("dashboard")
    assert "has not started a response yet" in _messages(result)[0]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"password2": "something-else-entirely"}, "password2"),
        ({"password1": "short", "password2": "short"}, "password1"),
        ({"password1": "password123", "password2": "password123"}, "password1"),
        ({"password1": "newcomer@example.org", "password2": "newcomer@example.org"}, "password1"),
        ({"first_name": ""}, "first_name"),
    ],
)
def test_a_newcomers_form_is_checked_and_nothing_is_created(client, region, lead, changes, field):
    _, token = factories.invite_someone(region, actor=lead)
    before = _rows()
    page = client.post(_accept_url(token), _newcomer(**changes))
    assert page.status_code == 400
    assert field in page.context["form"].errors
    assert _rows() == before
    assert open_link(token).can_accept


def test_someone_with_an_account_is_asked_to_sign_in_and_comes_back_to_accept(
    client, region, lead, other_member, regional_response
):
    _, token = factories.invite_someone(region, actor=lead, email=other_member.email)
    page = client.get(_accept_url(token))
    html = page.content.decode()
    sign_in = f"{reverse('login')}?next={_accept_url(token).replace(':', '%3A')}"
    assert "Sign in to accept" in html and sign_in in html
    assert client.post(_accept_url(token), _newcomer()).status_code == 200  # no account made
    signed_in = client.post(
        sign_in, {"username": other_member.username, "password": factories.PASSWORD}
    )
    assert signed_in.url == _accept_url(token)
    assert "Accept and join London" in client.get(_accept_url(token)).content.decode()
    result = client.post(_accept_url(token))
    assert result.url == regional_response.get_absolute_url()
    assert other_member.memberships.filter(forum=region, role=Role.MEMBER).exists()


def test_someone_else_signed_in_is_told_plainly_and_gets_nothing(client, region, lead, member):
    _, token = factories.invite_someone(region, actor=lead, email="friend@example.org")
    client.force_login(member)
    for page in (client.get(_accept_url(token)), client.post(_accept_url(token))):
        html = page.content.decode()
        assert "This invitation is for friend@example.org" in html
        assert "Accept and join" not in html
    assert not Membership.objects.filter(user__email="friend@example.org").exists()
    assert open_link(token).can_accept


@pytest.mark.parametrize(
    ("spoil", "status", "message"),
    [
        ("forge", 404, "This invitation link is not valid"),
        ("expire", 410, "This invitation has expired"),
        ("use", 410, "This invitation has already been used"),
        ("cancel", 410, "This invitation was cancelled"),
    ],
)
def test_a_link_that_cannot_be_used_says_so_and_grants_nothing(
    client, region, lead, spoil, status, message
):
    invitation, token = factories.invite_someone(region, actor=lead)
    if spoil == "forge":
        token = token[:-3] + "xyz"
    elif spoil == "expire":
        Invitation.objects.filter(pk=invitation.pk).update(expires_at=invitation.sent_at)
    elif spoil == "use":
        client.post(_accept_url(token), _newcomer())
        client.logout()
    else:
        Invitation.objects.filter(pk=invitation.pk).update(cancelled_at=invitation.sent_at)
    before = _rows()
    for page in (client.get(_accept_url(token)), client.post(_accept_url(token), _newcomer())):
        assert page.status_code == status
        html = page.content.decode()
        assert message in html and "This invitation cannot be used" in html
        assert 'name="password1"' not in html
    assert _rows() == before
    assert "_auth_user_id" not in client.session


# Links to the page ---------------------------------------------------------------------


def test_leads_find_their_forums_people_from_the_dashboard_and_the_response(
    client, region, lead, member, regional_response
):
    link = f'href="{_people_url(region)}"'
    client.force_login(lead)
    assert link in client.get(reverse("dashboard")).content.decode()
    assert link in client.get(regional_response.get_absolute_url()).content.decode()
    client.force_login(member)
    assert link not in client.get(reverse("dashboard")).content.decode()
    assert link not in client.get(regional_response.get_absolute_url()).content.decode()


def test_administrators_find_the_steering_groups_people_on_the_dashboard(
    client, national, admin_user
):
    client.force_login(admin_user)
    page = client.get(reverse("dashboard")).content.decode()
    assert f'href="{_people_url(national)}"' in page
