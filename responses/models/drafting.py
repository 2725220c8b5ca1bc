from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from .forums import Forum
from .reports import Item, Report


class Stance(models.TextChoices):
    AGREE = "agree", "Agrees"
    AGREE_WITH_CONCERNS = "agree_with_concerns", "Agrees with concerns"
    DISAGREE = "disagree", "Disagrees"
    NO_POSITION = "no_position", "No position yet"


class ResponseStatus(models.TextChoices):
    DRAFTING = "drafting", "Drafting"
    SUBMITTED = "submitted", "Submitted"


class Response(models.Model):
    """One forum's answer to one report. The national forum's response is the
    statement."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="responses")
    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="responses")
    status = models.CharField(
        max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.DRAFTING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["report", "forum__name"]
        constraints = [
            models.UniqueConstraint(fields=["report", "forum"], name="response_one_per_forum"),
        ]

    def __str__(self) -> str:
        return f"{self.forum} on {self.report}"

    def get_absolute_url(self) -> str:
        return reverse("response_detail", kwargs={"pk": self.pk})

    @property
    def is_statement(self) -> bool:
        return self.forum.is_national

    @property
    def is_submitted(self) -> bool:
        return self.status == ResponseStatus.SUBMITTED


class SectionKind(models.TextChoices):
    INTRODUCTION = "introduction", "Introduction"
    ITEM = "item", "Item"
    CONCLUSION = "conclusion", "Conclusion"


class Section(models.Model):
    """One part of a response: the introduction, one per report item, the conclusion."""

    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="sections")
    kind = models.CharField(max_length=20, choices=SectionKind.choices)
    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, null=True, blank=True, related_name="sections"
    )
    order = models.PositiveIntegerField()
    latest_revision = models.ForeignKey(
        "Revision", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Bumped on every save: a save succeeds only if the version it read is still
    # current (compare-and-set), which works on SQLite as well as PostgreSQL.
    version = models.PositiveIntegerField(default=0)
    # The latest revision's stance and word count, written in the same statement that
    # makes it the latest: lists of many sections (the dashboard's progress, the
    # positions matrix) count them without reading every text.
    latest_stance = models.CharField(
        max_length=30, choices=Stance.choices, default=Stance.NO_POSITION
    )
    latest_words = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["response", "order"]
        constraints = [
            models.UniqueConstraint(fields=["response", "order"], name="section_order_unique"),
            models.UniqueConstraint(
                fields=["response", "item"],
                condition=Q(item__isnull=False),
                name="section_one_per_item",
            ),
            models.UniqueConstraint(
                fields=["response", "kind"],
                condition=~Q(kind="item"),
                name="section_one_introduction_and_conclusion",
            ),
            models.CheckConstraint(
                condition=(Q(kind="item") & Q(item__isnull=False))
                | (~Q(kind="item") & Q(item__isnull=True)),
                name="section_item_iff_item_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.heading

    @property
    def heading(self) -> str:
        if self.item_id:
            return self.item.heading
        return self.get_kind_display()

    @property
    def takes_stance(self) -> bool:
        return self.kind == SectionKind.ITEM

    @property
    def text(self) -> str:
        return self.latest_revision.text if self.latest_revision_id else ""

    @property
    def stance(self) -> str:
        if self.latest_revision_id:
            return self.latest_revision.stance
        return Stance.NO_POSITION

    @property
    def lacks_position(self) -> bool:
        """An item on which the forum has not taken a position yet."""
        return self.takes_stance and self.stance == Stance.NO_POSITION


class RevisionQuerySet(models.QuerySet):
    def delete(self):
        raise models.ProtectedError("Revisions are append-only and never deleted.", set(self))


class RevisionKind(models.TextChoices):
    SAVED = "saved", "Saved"
    MERGED = "merged", "Merged with someone else's changes"
    KEPT = "kept", "Kept aside: saved while someone else changed the section"
    RESTORED = "restored", "Restored from an earlier revision"
    IMPORTED = "imported", "Brought in from a document drafted offline"


class Revision(models.Model):
    """One saved state of a section's text and stance. Append-only."""

    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="revisions")
    text = models.TextField(blank=True)
    stance = models.CharField(max_length=30, choices=Stance.choices, default=Stance.NO_POSITION)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="revisions"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    base = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The revision the author started from.",
    )
    # A "kept" revision holds someone's own text exactly as they sent it when it could
    # not simply become the latest (merged or clashing): it is never the latest itself.
    kind = models.CharField(max_length=20, choices=RevisionKind.choices, default=RevisionKind.SAVED)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        ordering = ["section", "created_at", "pk"]

    def __str__(self) -> str:
        return f"Revision {self.pk} of {self.section}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValueError("Revisions are append-only: save a new revision instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise models.ProtectedError("Revisions are append-only and never deleted.", {self})


class SectionPresence(models.Model):
    """Someone has this section open now: refreshed by their page's heartbeat.

    Kept in the database, not in process memory, so every application process
    sees the same people."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="presences")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="section_presences"
    )
    last_seen = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["section", "user"], name="presence_one_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.section} at {self.last_seen:%H:%M:%S}"


class Comment(models.Model):
    """A remark on a section, or a reply to one. Resolved comments stay on the record."""

    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replies"
    )
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["section", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True, resolved_by__isnull=True)
                | Q(resolved_at__isnull=False, resolved_by__isnull=False),
                name="comment_resolved_with_who_and_when",
            ),
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} on {self.section}"

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None
