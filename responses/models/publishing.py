from django.conf import settings
from django.db import models
from django.db.models.deletion import ProtectedError
from django.urls import reverse
from django.utils import timezone


class Publication(models.Model):
    """One published version of a statement. Never changed once written."""

    response = models.ForeignKey(
        "responses.Response", on_delete=models.PROTECT, related_name="publications"
    )
    version = models.PositiveIntegerField()
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    pdf = models.FileField(upload_to="publications/", max_length=300)
    pdf_sha256 = models.CharField(max_length=64)
    revisions = models.ManyToManyField(
        "responses.Revision", through="PublishedSection", related_name="publications"
    )

    class Meta:
        ordering = ["response", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "version"], name="publication_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response.report} – {self.version_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A publication never changes: publish a new version instead.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse(
            "statement_version",
            kwargs={"slug": self.response.report.slug, "version": self.version},
        )

    def delete(self, *args, **kwargs):
        raise ProtectedError("Publications are kept for good.", {self})

    @property
    def version_label(self) -> str:
        """How the version shows on the public page, in the PDF and in emails."""
        return f"Version {self.version}"

    @property
    def published_on(self):
        return self.published_at


class PublishedSection(models.Model):
    """The exact revision of one section that a publication was built from."""

    publication = models.ForeignKey(
        Publication, on_delete=models.PROTECT, related_name="published_sections"
    )
    section = models.ForeignKey("responses.Section", on_delete=models.PROTECT, related_name="+")
    revision = models.ForeignKey("responses.Revision", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["publication", "section__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "section"], name="published_section_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.publication}: revision {self.revision_id}"
