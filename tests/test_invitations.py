"""The rules of a forum's people: invitations, accepting them, roles and leaving."""

import datetime

import pytest
from django.core import mail, signing
from django.utils import timezone

from responses.forums import MembershipRefused, change_role, remove_member
from responses.invitations import (
    INVITATION_LIFETIME,
    LINK_PROBLEMS,
    InvitationRefused,
    accept_invitation,
    cancel_invitation,
    create_account_and_accept,
    invite,
    open_link,
    people_of,
    resend_invitation,
)
from responses.models import AuditEvent, Invitation, Membership, Role

from . import factories


def _verbs():
    return list(AuditEvent.objects.order_by("pk").values_list("verb", flat=True))


def _accept_as_newcomer(token):
    return create_account_and_accept(
        token=token, first_name="Nia", last_name="Jones", password=factories.PASSWORD
    )


def test_inviting_sends_one_email_through_the_queue_with_a_working_link(region, lead):
    invitation, token = factories.invite_someone(region, actor=lead, email=" New@Example.org ")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new@example.org"]
    assert "London" in mail.outbox[0].subject
    assert invitation.email == "new@example.org"
    assert invitation.expires_at - invitation.sent_at == INVITATION_LIFETIME
    assert open_link(token).can_accept
    assert _verbs() == ["invitation.sent"]


def test_the_email_waits_for_the_decision_to_be_committed(
    region, lead, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invite(actor=lead, forum=region, email="new@example.org", role=Role.MEMBER)
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_only_a_hash_of_the_secret_is_stored(region, lead):
    invitation, token = factories.invite_someone(region, actor=lead)
    secret = signing.loads(token, salt="responses.invitation")["s"]
    assert secret not in invitation.secret_hash


def test_a_newcomer_accepts_with_their_name_and_password(region, lead):
    _, token = factories.invite_someone(region, actor=lead, role=Role.LEAD)
    membership = _accept_as_newcomer(token)
    user = membership.user
    assert (user.username, user.email, user.get_full_name()) == (
        "newcomer@example.org",
        "newcomer@example.org",
        "Nia Jones",
    )
    assert user.check_password(factories.PASSWORD)
    assert (membership.forum, membership.role) == (region, Role.LEAD)
    assert _verbs() == ["invitation.sent", "invitation.accepted", "membership.granted"]
    assert AuditEvent.objects.get(verb="invitation.accepted").actor == user


def test_someone_with_an_account_accepts_once_signed_in(region, lead, other_member):
    _, token = factories.invite_someone(region, actor=lead, email=other_member.email.upper())
    with pytest.raises(InvitationRefused, match="sign in to accept"):
        _accept_as_newcomer(token)
    membership = accept_invitation(token=token, user=other_member)
    assert membership.forum == region
    assert other_member.memberships.count() == 2


def test_an_invitation_is_only_for_the_address_it_was_sent_to(region, lead, other_member):
    _, token = factories.invite_someone(region, actor=lead)
    with pytest.raises(InvitationRefused, match="signed in as someone else"):
        accept_invitation(token=token, user=other_member)
    assert not other_member.memberships.filter(forum=region).exists()
    assert open_link(token).can_accept


def test_a_used_link_is_refused_and_grants_nothing_more(region, lead):
    _, token = factories.invite_someone(region, actor=lead)
    membership = _accept_as_newcomer(token)
    assert open_link(token).problem == "accepted"
    with pytest.raises(InvitationRefused) as refusal:
        accept_invitation(token=token, user=membership.user)
    assert refusal.value.message == LINK_PROBLEMS["accepted"]
    assert Membership.objects.filter(forum=region).count() == 2  # the lead and the newcomer


def test_an_expired_invitation_is_refused_and_grants_nothing(region, lead, other_member):
    invitation, token = factories.invite_someone(region, actor=lead, email=other_member.email)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    assert open_link(token).problem == "expired"
    with pytest.raises(InvitationRefused) as refusal:
        accept_invitation(token=token, user=other_member)
    assert refusal.value.message == LINK_PROBLEMS["expired"]
    assert not other_member.memberships.filter(forum=region).exists()


def test_a_link_older_than_seven_days_is_expired_by_its_signature(
    region, lead, other_member, monkeypatch
):
    _, token = factories.invite_someone(region, actor=lead, email=other_member.email)
    later = timezone.now() + INVITATION_LIFETIME + datetime.timedelta(minutes=1)
    monkeypatch.setattr(signing.time, "time", later.timestamp)
    assert open_link(token).problem == "expired"
    with pytest.raises(InvitationRefused, match="expired"):
        accept_invitation(token=token, user=other_member)
    assert not other_member.memberships.filter(forum=region).exists()


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "not-a-token",
        lambda token: signing.dumps({"i": 1, "s": "guessed"}, salt="responses.invitation"),
        lambda token: signing.dumps({"i": 1, "s": "x"}, salt="another.salt"),
        lambda token: signing.dumps(["a list"], salt="responses.invitation"),
    ],
    ids=["tampered", "garbage", "guessed-secret", "other-salt", "wrong-shape"],
)
def test_a_forged_link_finds_nothing(region, lead, other_member, tamper):
    _, token = factories.invite_someone(region, actor=lead, email=other_member.email)
    forged = tamper(token)
    assert open_link(forged).invitation is None
    assert open_link(forged).problem == "forged"
    with pytest.raises(InvitationRefused):
        accept_invitation(token=forged, user=other_member)
    assert not other_member.memberships.filter(forum=region).exists()


def test_resending_makes_the_old_link_stop_and_the_new_one_work(region, lead):
    invitation, old = factories.invite_someone(region, actor=lead)
    new = factories.token_sent_by(lambda: resend_invitation(actor=lead, invitation=invitation))
    assert len(mail.outbox) == 2
    assert open_link(old).problem == "forged"
    with pytest.raises(InvitationRefused):
        _accept_as_newcomer(old)
    assert _accept_as_newcomer(new).forum == region
    assert _verbs() == [
        "invitation.sent",
        "invitation.resent",
        "invitation.accepted",
        "membership.granted",
    ]


def test_resending_renews_an_expired_invitation(region, lead):
    invitation, _ = factories.invite_someone(region, actor=lead)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    renewed = resend_invitation(actor=lead, invitation=invitation)
    assert renewed.expires_at > timezone.now() + INVITATION_LIFETIME - datetime.timedelta(hours=1)


def test_inviting_the_same_address_again_resends_without_a_second_invitation(region, lead):
    factories.invite_someone(region, actor=lead, email="new@example.org")
    invitation, token = factories.invite_someone(
        region, actor=lead, email="NEW@example.org", role=Role.LEAD
    )
    assert Invitation.objects.count() == 1
    assert invitation.role == Role.LEAD
    _accept_as_newcomer(token)
    assert Membership.objects.filter(forum=region, user__email="new@example.org").count() == 1
    assert _verbs()[:2] == ["invitation.sent", "invitation.resent"]


def test_accepting_when_already_a_member_keeps_one_membership_and_its_role(region, lead, member):
    _, token = factories.invite_someone(region, actor=lead, email="mo@example.org")
    member.email = "mo@example.org"
    member.save()
    membership = accept_invitation(token=token, user=member)
    assert membership.role == Role.MEMBER
    assert member.memberships.filter(forum=region).count() == 1
    assert "membership.granted" not in _verbs()


@pytest.mark.parametrize(
    ("email", "role", "field", "message"),
    [
        ("not an address", Role.MEMBER, "email", "does not look like an email address"),
        ("", Role.MEMBER, "email", "does not look like an email address"),
        ("member@example.org", Role.MEMBER, "email", "already a member of London"),
        ("new@example.org", Role.STEERING, "role", "not one this forum has"),
        ("new@example.org", "owner", "role", "not one this forum has"),
    ],
)
def test_an_invitation_that_cannot_be_sent_changes_nothing(
    region, lead, member, email, role, field, message
):
    with pytest.raises(InvitationRefused, match=message) as refusal:
        invite(actor=lead, forum=region, email=email, role=role)
    assert refusal.value.field == field
    assert not Invitation.objects.exists()
    assert not AuditEvent.objects.exists()
    assert mail.outbox == []


def test_the_steering_group_only_has_steering_members(national, admin_user):
    with pytest.raises(InvitationRefused):
        invite(actor=admin_user, forum=national, email="new@example.org", role=Role.LEAD)
    invitation, token = factories.invite_someone(national, actor=admin_user, role=Role.STEERING)
    assert _accept_as_newcomer(token).role == Role.STEERING


def test_cancelling_stops_the_link(region, lead):
    invitation, token = factories.invite_someone(region, actor=lead)
    cancel_invitation(actor=lead, invitation=invitation)
    assert open_link(token).problem == "cancelled"
    with pytest.raises(InvitationRefused, match="cancelled"):
        _accept_as_newcomer(token)
    with pytest.raises(InvitationRefused, match="already cancelled"):
        resend_invitation(actor=lead, invitation=invitation)
    assert _verbs() == ["invitation.sent", "invitation.cancelled"]
    assert not people_of(region).invitations


def test_an_address_can_be_invited_again_after_a_cancelled_invitation(region, lead):
    invitation, _ = factories.invite_someone(region, actor=lead)
    cancel_invitation(actor=lead, invitation=invitation)
    again, token = factories.invite_someone(region, actor=lead)
    assert again.pk != invitation.pk
    assert _accept_as_newcomer(token).forum == region


def test_people_of_a_forum_lists_members_and_open_invitations(region, lead, member):
    invitation, _ = factories.invite_someone(region, actor=lead)
    cancelled, _ = factories.invite_someone(region, actor=lead, email="gone@example.org")
    cancel_invitation(actor=lead, invitation=cancelled)
    people = people_of(region)
    assert [m.user for m in people.memberships] == [lead, member]  # Lee, then Mo
    assert people.invitations == [invitation]
    assert people.roles_to_choose


# Roles and leaving ------------------------------------------------------------------


def test_a_lead_changes_a_role_on_the_record(region, lead, member):
    membership = change_role(
        actor=lead, membership=member.memberships.get(forum=region), role=Role.LEAD
    )
    assert membership.role == Role.LEAD
    event = AuditEvent.objects.get(verb="membership.changed")
    assert (event.actor, event.data["role"], event.data["previous"]) == (lead, "lead", "member")


def test_the_last_lead_cannot_step_down_or_be_removed(region, lead, member):
    own = lead.memberships.get(forum=region)
    with pytest.raises(MembershipRefused, match="no lead left"):
        change_role(actor=lead, membership=own, role=Role.MEMBER)
    with pytest.raises(MembershipRefused, match="no lead left"):
        remove_member(actor=lead, membership=own)
    own.refresh_from_db()
    assert own.role == Role.LEAD
    assert not AuditEvent.objects.exists()


def test_a_lead_can_step_down_once_there_is_another(region, lead, member):
    change_role(actor=lead, membership=member.memberships.get(forum=region), role=Role.LEAD)
    change_role(actor=lead, membership=lead.memberships.get(forum=region), role=Role.MEMBER)
    assert lead.memberships.get(forum=region).role == Role.MEMBER


def test_removing_a_member_is_on_the_record(region, lead, member):
    remove_member(actor=lead, membership=member.memberships.get(forum=region))
    assert not member.memberships.exists()
    event = AuditEvent.objects.get(verb="membership.revoked")
    assert (event.actor, event.data["user"]) == (lead, "member")


def test_the_last_steering_member_cannot_be_removed(national, steering, admin_user):
    with pytest.raises(MembershipRefused, match="no steering group member left"):
        remove_member(actor=admin_user, membership=steering.memberships.get())
