"""Leads bring their own people in: invitations by email, and accepting them.

An invitation's link carries a signed token (the invitation's id and a random secret);
only a hash of the secret is stored. A link works once, for seven days; resending
makes a new link and the old one stops working.
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from . import audit, notifications
from .forums import ROLE_REFUSED, record_membership_saved, roles_for
from .models import Forum, Invitation, InvitationStatus, Membership
from .people import User

INVITATION_LIFETIME = datetime.timedelta(days=7)
_SALT = "responses.invitation"


class InvitationRefused(ValidationError):
    """The invitation cannot be sent, resent, cancelled or accepted: the message says why.

    `field` names the part of the invitation form the message is about ("email",
    "role"), so that a page can show it beside that field."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _new_link(invitation: Invitation) -> str:
    """A fresh secret for the invitation (stored as a hash) and the link that carries it."""
    secret = secrets.token_urlsafe(24)
    invitation.secret_hash = _hash(secret)
    token = signing.dumps({"i": invitation.pk, "s": secret}, salt=_SALT)
    return reverse("invitation_accept", kwargs={"token": token})


def normalise_email(address: str) -> str:
    address = (address or "").strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        raise InvitationRefused(
            "That does not look like an email address: check it and try again.", field="email"
        ) from None
    return address


def _record(*, actor: User, verb: audit.AuditVerb, invitation: Invitation) -> None:
    audit.record(
        actor=actor,
        verb=verb,
        target=invitation,
        data={"email": invitation.email, "forum": invitation.forum.name, "role": invitation.role},
    )


def _send(invitation: Invitation, *, actor: User) -> None:
    now = timezone.now()
    invitation.sent_at = now
    invitation.expires_at = now + INVITATION_LIFETIME
    path = _new_link(invitation)
    invitation.save()
    notifications.invitation_sent(invitation=invitation, path=path)


@transaction.atomic
def invite(*, actor: User, forum: Forum, email: str, role: str) -> Invitation:
    """Invite an address into the forum with a role, and email the link.

    Inviting an address that already has an open invitation to this forum resends it
    (with the role now asked for); an address that is already a member is refused."""
    email = normalise_email(email)
    if role not in dict(roles_for(forum)):
        raise InvitationRefused(ROLE_REFUSED, field="role")
    if Membership.objects.filter(forum=forum, user__email__iexact=email).exists():
        raise InvitationRefused(f"{email} is already a member of {forum.name}.", field="email")
    invitation = (
        Invitation.objects.select_for_update()
        .filter(forum=forum, email=email, accepted_at__isnull=True, cancelled_at__isnull=True)
        .first()
    )
    verb = audit.AuditVerb.INVITATION_RESENT
    if invitation is None:
        verb = audit.AuditVerb.INVITATION_SENT
        now = timezone.now()
        invitation = Invitation(forum=forum, email=email, sent_at=now, expires_at=now)
    invitation.role = role
    invitation.invited_by = actor
    if invitation.pk is None:
        try:
            with transaction.atomic():
                invitation.save()
        except IntegrityError:  # the same address invited at the same moment elsewhere
            raise InvitationRefused(
                f"{email} was invited to {forum.name} a moment ago.", field="email"
            ) from None
    _send(invitation, actor=actor)
    _record(actor=actor, verb=verb, invitation=invitation)
    return invitation


def _open(invitation: Invitation) -> Invitation:
    locked = Invitation.objects.select_for_update().select_related("forum").get(pk=invitation.pk)
    if not locked.is_open:
        raise InvitationRefused(
            f"The invitation for {locked.email} was already "
            f"{'accepted' if locked.accepted_at else 'cancelled'}."
        )
    return locked


@transaction.atomic
def resend_invitation(*, actor: User, invitation: Invitation) -> Invitation:
    """A new link for the same address, valid for seven more days; the old one stops."""
    invitation = _open(invitation)
    invitation.invited_by = actor
    _send(invitation, actor=actor)
    _record(actor=actor, verb=audit.AuditVerb.INVITATION_RESENT, invitation=invitation)
    return invitation


@transaction.atomic
def cancel_invitation(*, actor: User, invitation: Invitation) -> Invitation:
    invitation = _open(invitation)
    invitation.cancelled_at = timezone.now()
    invitation.save(update_fields=["cancelled_at"])
    _record(actor=actor, verb=audit.AuditVerb.INVITATION_CANCELLED, invitation=invitation)
    return invitation


def pending_invitations(forum: Forum) -> QuerySet[Invitation]:
    """The forum's open invitations, expired ones included (they can be resent)."""
    return Invitation.objects.filter(
        forum=forum, accepted_at__isnull=True, cancelled_at__isnull=True
    ).order_by("email")


@dataclass
class ForumPeople:
    """Everything the forum's people page shows."""

    forum: Forum
    memberships: list[Membership]
    invitations: list[Invitation]
    roles: list[tuple[str, str]]

    @property
    def roles_to_choose(self) -> bool:
        """Whether there is a role to change to (the steering group has only one)."""
        return len(self.roles) > 1


def people_of(forum: Forum) -> ForumPeople:
    """The forum's members and open invitations, in two queries whatever their number."""
    memberships = list(
        Membership.objects.filter(forum=forum)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user__username")
    )
    invitations = list(pending_invitations(forum))
    rows: list[Membership | Invitation] = [*memberships, *invitations]
    for row in rows:
        row.forum = forum
    return ForumPeople(
        forum=forum, memberships=memberships, invitations=invitations, roles=roles_for(forum)
    )


# Opening a link ---------------------------------------------------------------------


@dataclass
class OpenedLink:
    """What a link leads to: the invitation when it can still be accepted, or why not."""

    invitation: Invitation | None
    problem: str = ""  # "" | "forged" | "expired" | "accepted" | "cancelled"

    @property
    def can_accept(self) -> bool:
        return self.invitation is not None and not self.problem

    def account(self) -> User | None:
        """The existing account with the invited address, if there is one."""
        if self.invitation is None:
            return None
        return (
            User.objects.filter(email__iexact=self.invitation.email, is_active=True)
            .order_by("pk")
            .first()
        )


def open_link(token: str) -> OpenedLink:
    """Read a link's token. A forged or tampered token, or one whose secret was replaced
    by a resend, finds nothing."""
    try:
        payload = signing.loads(token, salt=_SALT, max_age=INVITATION_LIFETIME)
        pk, secret = int(payload["i"]), str(payload["s"])
    except signing.SignatureExpired:
        return OpenedLink(invitation=None, problem="expired")
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return OpenedLink(invitation=None, problem="forged")
    invitation = Invitation.objects.select_related("forum", "invited_by").filter(pk=pk).first()
    if invitation is None or not secrets.compare_digest(invitation.secret_hash, _hash(secret)):
        return OpenedLink(invitation=None, problem="forged")
    status = invitation.status
    if status != InvitationStatus.PENDING:
        return OpenedLink(invitation=invitation, problem=status)
    return OpenedLink(invitation=invitation)


def not_for_you(invitation: Invitation, user: User) -> str:
    """Why a signed-in user may not accept this invitation ("" when they may): it is
    for whoever has the invited address."""
    if (user.email or "").lower() == invitation.email:
        return ""
    return (
        f"This invitation is for {invitation.email}, and you are signed in as someone "
        "else. Sign out, then open the link again."
    )


@transaction.atomic
def accept_invitation(*, token: str, user: User) -> Membership:
    """`user` joins the invitation's forum with its role; the link is then used up.

    The user must be the one the invitation was sent to (same email address). Someone
    who already belongs to the forum keeps the role they have."""
    opened = open_link(token)
    if opened.invitation is None or not opened.can_accept:
        raise InvitationRefused(LINK_PROBLEMS.get(opened.problem, LINK_PROBLEMS["forged"]))
    invitation = _open(opened.invitation)
    # Resent between reading the link and locking the row: this link no longer works.
    if invitation.secret_hash != opened.invitation.secret_hash:
        raise InvitationRefused(LINK_PROBLEMS["forged"])
    if invitation.status != InvitationStatus.PENDING:
        raise InvitationRefused(LINK_PROBLEMS["expired"])
    refusal = not_for_you(invitation, user)
    if refusal:
        raise InvitationRefused(refusal)
    membership, created = Membership.objects.get_or_create(
        user=user, forum=invitation.forum, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    _record(actor=user, verb=audit.AuditVerb.INVITATION_ACCEPTED, invitation=invitation)
    if created:
        record_membership_saved(actor=user, membership=membership, created=True, previous=None)
    return membership


@transaction.atomic
def create_account_and_accept(
    *, token: str, first_name: str, last_name: str, password: str
) -> Membership:
    """A new person's account, named as they chose, with the invited address as both
    email and sign-in name; then the invitation is accepted. Returns the membership."""
    opened = open_link(token)
    if opened.invitation is None or not opened.can_accept:
        raise InvitationRefused(LINK_PROBLEMS.get(opened.problem, LINK_PROBLEMS["forged"]))
    email = opened.invitation.email
    # Someone already signs in with this address, as their email or their name.
    taken = Q(email__iexact=email, is_active=True) | Q(username__iexact=email)
    if User.objects.filter(taken).exists():
        raise InvitationRefused(
            "There is already an account with this email address: sign in to accept."
        )
    user = User.objects.create_user(
        username=email, email=email, password=password, first_name=first_name, last_name=last_name
    )
    return accept_invitation(token=token, user=user)


LINK_PROBLEMS = {
    "forged": (
        "This invitation link is not valid. Check that you opened the whole link from the "
        "latest email, or ask your forum lead to send a new one."
    ),
    "expired": (
        "This invitation has expired: links work for seven days. Ask your forum lead to "
        "send a new one."
    ),
    "accepted": "This invitation has already been used. Sign in to reach your forum.",
    "cancelled": "This invitation was cancelled by the forum. Ask your forum lead if you "
    "think this is a mistake.",
}
