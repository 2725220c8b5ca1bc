from django.conf import settings
from django.db import models
from django.db.models.deletion import ProtectedError


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
