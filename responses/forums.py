"""Rules about forums and who belongs to them."""

from django.db import transaction

from . import audit
from .models import Forum, ForumKind, Membership, Role

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


@transaction.atomic
def grant_membership(*, actor, user, forum: Forum, role: str = Role.MEMBER) -> Membership:
    """Add a person to a forum, or change their role there; on the record."""
    membership, created = Membership.objects.get_or_create(
        user=user, forum=forum, defaults={"role": role}
    )
    if created or membership.role != role:
        previous = None if created else membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        audit.record(
            actor=actor,
            verb="membership.granted" if created else "membership.changed",
            target=membership,
            data={"user": user.username, "forum": forum.name, "role": role, "previous": previous},
        )
    return membership


@transaction.atomic
def revoke_membership(*, actor, membership: Membership) -> None:
    audit.record(
        actor=actor,
        verb="membership.revoked",
        target=membership,
        data={
            "user": membership.user.username,
            "forum": membership.forum.name,
            "role": membership.role,
        },
    )
    membership.delete()


def record_membership_saved(*, actor, membership: Membership, created: bool, previous: str | None):
    """For changes made through the admin, where the row is already saved."""
    if not created and previous == membership.role:
        return
    audit.record(
        actor=actor,
        verb="membership.granted" if created else "membership.changed",
        target=membership,
        data={
            "user": membership.user.username,
            "forum": membership.forum.name,
            "role": membership.role,
            "previous": previous,
        },
    )
