from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .forums import Forum, Role


class InvitationStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be accepted"
    ACCEPTED = "accepted", "Accepted"
    CANCELLED = "cancelled", "Cancelled"
    EXPIRED = "expired", "Expired"


class Invitation(models.Model):
    """A lead's invitation of one email address into their forum, with a role.

    The link in the email carries a signed token: the invitation's id and a random
    secret, of which only a hash is kept here, so that the table alone cannot be turned
    into working links. Resending makes a new secret and a new expiry; accepting or
    cancelling ends the invitation for good.
    """

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(help_text="Kept in lower case.")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    secret_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["forum__name", "email"]
        constraints = [
            # One open invitation per address and forum: inviting again resends it.
            models.UniqueConstraint(
                fields=["forum", "email"],
                condition=Q(accepted_at__isnull=True, cancelled_at__isnull=True),
                name="invitation_one_open_per_address",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} to {self.forum} as {self.get_role_display().lower()}"

    @property
    def status(self) -> str:
        if self.accepted_at is not None:
            return InvitationStatus.ACCEPTED
        if self.cancelled_at is not None:
            return InvitationStatus.CANCELLED
        if self.expires_at <= timezone.now():
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING

    @property
    def is_expired(self) -> bool:
        return self.status == InvitationStatus.EXPIRED

    @property
    def is_open(self) -> bool:
        """Neither accepted nor cancelled (it may have expired: resending renews it)."""
        return self.accepted_at is None and self.cancelled_at is None
