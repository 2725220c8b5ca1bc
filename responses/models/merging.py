from django.db import models

from .drafting import Revision


class ProvenanceHow(models.TextChoices):
    ASSEMBLED = "assembled", "Assembled from the regions"
    INSERTED = "inserted", "Inserted with “Use this”"


class Provenance(models.Model):
    """One regional paragraph that a national revision drew on.

    Written when a national revision is built by assembling a starting draft or by
    inserting a regional paragraph, so that the statement can say, paragraph by
    paragraph, which regions it came from. Like revisions, never changed or deleted.
    """

    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="provenance")
    source_revision = models.ForeignKey(
        Revision,
        on_delete=models.PROTECT,
        related_name="used_in",
        help_text="The regional revision the paragraph was taken from.",
    )
    source_paragraph = models.PositiveIntegerField(
        help_text="Where the paragraph stands in the regional text, counting from 0."
    )
    source_text = models.TextField(help_text="The regional paragraph as it was taken.")
    national_text = models.TextField(help_text="The national paragraph it became.")
    how = models.CharField(max_length=20, choices=ProvenanceHow.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["revision", "pk"]
        verbose_name_plural = "provenance"
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "source_revision", "source_paragraph"],
                name="provenance_one_per_paragraph",
            ),
        ]

    def __str__(self) -> str:
        return f"Paragraph {self.source_paragraph} of revision {self.source_revision_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValueError("Provenance is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise models.ProtectedError("Provenance is never deleted.", {self})
