from django.conf import settings
from django.db import models
from django.db.models.deletion import ProtectedError


class AuditVerb(models.TextChoices):
    """Every kind of decision the record holds. The stored strings never change: old
    events keep theirs. The field takes no `choices=`, so adding a verb needs no
    migration."""

    REPORT_CREATED = "report.created", "Report created"
    REPORT_SETTINGS_CHANGED = "report.settings_changed", "Report settings changed"
    RESPONSE_STARTED = "response.started", "Response started"
    RESPONSE_SUBMITTED = "response.submitted", "Response submitted"
    RESPONSE_REOPENED = "response.reopened", "Response reopened"
    RESPONSE_BROUGHT_IN = "response.brought_in", "Response brought in from Word or pasted text"
    COMMENT_RESOLVED = "comment.resolved", "Comment resolved"
    COMMENT_REOPENED = "comment.reopened", "Comment reopened"
    RESPONSE_ASSEMBLED = "response.assembled", "Starting draft assembled from local forums"
    RESPONSE_PARAGRAPH_USED = "response.paragraph_used", "Point from a local forum used"
    STATEMENT_STARTED = "statement.started", "Statement started"
    STATEMENT_ASSEMBLED = "statement.assembled", "Starting draft assembled"
    STATEMENT_PARAGRAPH_USED = "statement.paragraph_used", "Regional point used"
    APPROVAL_REQUESTED = "approval.requested", "Approval requested"
    APPROVAL_GIVEN = "approval.given", "Approval given"
    APPROVAL_WITHDRAWN = "approval.withdrawn", "Approval withdrawn"
    APPROVAL_VOIDED = "approval.voided", "Approval voided"
    STATEMENT_PUBLISHED = "statement.published", "Statement published"
    INVITATION_SENT = "invitation.sent", "Invitation sent"
    INVITATION_RESENT = "invitation.resent", "Invitation sent again"
    INVITATION_CANCELLED = "invitation.cancelled", "Invitation cancelled"
    INVITATION_ACCEPTED = "invitation.accepted", "Invitation accepted"
    MEMBERSHIP_GRANTED = "membership.granted", "Membership granted"
    MEMBERSHIP_CHANGED = "membership.changed", "Membership role changed"
    MEMBERSHIP_REVOKED = "membership.revoked", "Membership removed"
    USER_ADMINISTRATOR_GRANTED = "user.administrator_granted", "Made an administrator"
    USER_ADMINISTRATOR_REVOKED = "user.administrator_revoked", "No longer an administrator"
    API_TOKEN_CREATED = "api_token.created", "API token created"
    API_TOKEN_REVOKED = "api_token.revoked", "API token revoked"


class AuditEvent(models.Model):
    """One decision on the record: who did what to what, and when."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
    )
    verb = models.CharField(max_length=60, db_index=True)
    target_type = models.CharField(max_length=60)
    target_id = models.CharField(max_length=60)
    target_label = models.CharField(max_length=300)
    report = models.ForeignKey(
        "responses.Report", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor} {self.verb} {self.target_label}"

    def delete(self, *args, **kwargs):
        raise ProtectedError("Audit events are never deleted.", {self})
