"""Rules about forums and who belongs to them."""

from django.core.exceptions import ValidationError
from django.db import transaction

from . import audit
from .models import Forum, ForumKind, Membership, Response, Role
from .people import User

REGIONS = [
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
]


def national_forum() -> Forum:
    return Forum.objects.get(kind=ForumKind.NATIONAL)


def forums_below(forum: Forum) -> list[Forum]:
    """The forums one level below: the regions under the national network, a region's
    local forums. A local forum has none."""
    return list(Forum.objects.filter(parent=forum).order_by("name"))


ROLE_REFUSED = "That role is not one this forum has: choose one from the list."


class MembershipRefused(ValidationError):
    """A change to who belongs to a forum that cannot be made: the message says why."""


# The role that runs a forum's people, which a forum must never be left without.
def _running_role(forum: Forum) -> str:
    return Role.STEERING if forum.is_national else Role.LEAD


def roles_for(forum: Forum) -> list[tuple[str, str]]:
    """The roles a person can hold in this forum."""
    if forum.is_national:
        return [(Role.STEERING.value, Role.STEERING.label)]
    return [(Role.MEMBER.value, Role.MEMBER.label), (Role.LEAD.value, Role.LEAD.label)]


def _refuse_leaving_no_lead(membership: Membership) -> None:
    running = _running_role(membership.forum)
    if membership.role != running:
        return
    others = (
        Membership.objects.select_for_update()
        .filter(forum=membership.forum, role=running)
        .exclude(pk=membership.pk)
    )
    if not others.exists():
        word = "steering group member" if running == Role.STEERING else "lead"
        raise MembershipRefused(
            f"{membership.forum.name} would have no {word} left. Make someone else a {word} first."
        )


@transaction.atomic
def change_role(*, actor: User, membership: Membership, role: str) -> Membership:
    """Give a member another role in their forum; never leaves the forum without a lead."""
    if role not in dict(roles_for(membership.forum)):
        raise MembershipRefused(ROLE_REFUSED)
    membership = (
        Membership.objects.select_for_update().select_related("user", "forum").get(pk=membership.pk)
    )
    if membership.role == role:
        return membership
    if role != _running_role(membership.forum):
        _refuse_leaving_no_lead(membership)
    previous = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    _record(
        actor=actor,
        verb=audit.AuditVerb.MEMBERSHIP_CHANGED,
        membership=membership,
        previous=previous,
    )
    return membership


@transaction.atomic
def remove_member(*, actor: User, membership: Membership) -> None:
    """Take someone out of a forum; never its last lead."""
    membership = (
        Membership.objects.select_for_update().select_related("user", "forum").get(pk=membership.pk)
    )
    _refuse_leaving_no_lead(membership)
    revoke_membership(actor=actor, membership=membership)


def _record(
    *, actor: User, verb: audit.AuditVerb, membership: Membership, previous: str | None = None
) -> None:
    audit.record(
        actor=actor,
        verb=verb,
        target=membership,
        data={
            "user": membership.user.username,
            "forum": membership.forum.name,
            "role": membership.role,
            "previous": previous,
        },
    )


@transaction.atomic
def grant_membership(
    *, actor: User, user: User, forum: Forum, role: str = Role.MEMBER
) -> Membership:
    """Add a person to a forum, or change their role there; on the record."""
    membership, created = Membership.objects.get_or_create(
        user=user, forum=forum, defaults={"role": role}
    )
    previous = None if created else membership.role
    if not created and previous != role:
        membership.role = role
        membership.save(update_fields=["role"])
    record_membership_saved(actor=actor, membership=membership, created=created, previous=previous)
    return membership


@transaction.atomic
def revoke_membership(*, actor: User, membership: Membership) -> None:
    _record(actor=actor, verb=audit.AuditVerb.MEMBERSHIP_REVOKED, membership=membership)
    membership.delete()


def record_membership_saved(
    *, actor: User, membership: Membership, created: bool, previous: str | None
) -> None:
    """Put a new membership or a changed role on the record (the admin saves the row
    itself, then calls this)."""
    if not created and previous == membership.role:
        return
    verb = audit.AuditVerb.MEMBERSHIP_GRANTED if created else audit.AuditVerb.MEMBERSHIP_CHANGED
    _record(actor=actor, verb=verb, membership=membership, previous=previous)


def current_response(forum: Forum) -> Response | None:
    """The forum's most recently started response: where a newcomer lands."""
    return Response.objects.filter(forum=forum).order_by("-created_at", "-pk").first()


# What each of the user admin's flags gives, as the record names it.
ADMINISTRATOR_FLAGS = {
    "is_staff": "administrator (staff status)",
    "is_superuser": "every permission (superuser status)",
}


def record_administrator_saved(*, actor: User, user: User, previous: dict[str, bool]) -> None:
    """Put administrator status given or taken on the record (the user admin saves the
    row itself, then calls this with the flags as they were before)."""
    for flag, label in ADMINISTRATOR_FLAGS.items():
        now = bool(getattr(user, flag))
        if now == bool(previous.get(flag, False)):
            continue
        audit.record(
            actor=actor,
            verb=audit.AuditVerb.USER_ADMINISTRATOR_GRANTED
            if now
            else audit.AuditVerb.USER_ADMINISTRATOR_REVOKED,
            target=user,
            data={"user": user.get_username(), "status": label},
        )
