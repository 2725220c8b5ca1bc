from django.conf import settings
from django.db import models

from .reports import Report


class ReportImport(models.Model):
    """A document being turned into a report: the outline found in it, as the person
    importing it edits it in the preview. Kept in the database, not in a process or on
    disk, so any application process can serve the next step."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_imports"
    )
    source_name = models.CharField(max_length=255, help_text="The file's name, or pasted text.")
    outline = models.JSONField(default=dict)
    report = models.ForeignKey(
        Report,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The report created when the import was confirmed.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Import of {self.source_name}"

    @property
    def is_confirmed(self) -> bool:
        return self.report_id is not None
