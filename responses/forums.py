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


def _record(
    *, actor, verb: audit.AuditVerb, membership: Membership, previous: str | None = None
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
def grant_membership(*, actor, user, forum: Forum, role: str = Role.MEMBER) -> Membership:
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
def revoke_membership(*, actor, membership: Membership) -> None:
    _record(actor=actor, verb=audit.AuditVerb.MEMBERSHIP_REVOKED, membership=membership)
    membership.delete()


def record_membership_saved(*, actor, membership: Membership, created: bool, previous: str | None):
    """Put a new membership or a changed role on the record (the admin saves the row
    itself, then calls this)."""
    if not created and previous == membership.role:
        return
    verb = audit.AuditVerb.MEMBERSHIP_GRANTED if created else audit.AuditVerb.MEMBERSHIP_CHANGED
    _record(actor=actor, verb=verb, membership=membership, previous=previous)
