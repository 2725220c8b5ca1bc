from django.conf import settings
from django.db import models
from django.db.models import Q


class Approval(models.Model):
    """A steering member's approval of one exact revision of a national section.

    A section is approved when enough distinct people have an active approval of its
    latest revision; a later edit leaves these rows tied to the old revision.
    """

    revision = models.ForeignKey(
        "responses.Revision", on_delete=models.PROTECT, related_name="approvals"
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="approvals"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            # Approving twice counts once: one active approval per person and revision.
            models.UniqueConstraint(
                fields=["revision", "approver"],
                condition=Q(withdrawn_at__isnull=True),
                name="approval_once_per_person_and_revision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.approver} approved revision {self.revision_id}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class Reminder(models.Model):
    """A deadline reminder sent to one forum's leads, so it goes out only once."""

    report = models.ForeignKey("responses.Report", on_delete=models.CASCADE, related_name="+")
    forum = models.ForeignKey("responses.Forum", on_delete=models.CASCADE, related_name="+")
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report", "forum", "days_before"], name="reminder_sent_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.days_before}-day reminder to {self.forum} on {self.report}"
