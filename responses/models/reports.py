import datetime

from django.db import models
from django.urls import reverse
from django.utils import timezone


class Report(models.Model):
    """The document being answered: a report or a consultation."""

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    publisher = models.CharField(max_length=200, blank=True)
    source_url = models.URLField("source link", blank=True)
    published_on = models.DateField("published date", null=True, blank=True)
    response_deadline = models.DateField()
    approval_quorum = models.PositiveSmallIntegerField(
        default=2, help_text="How many steering members must approve each national section."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["response_deadline", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(approval_quorum__gte=1), name="report_quorum_at_least_one"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("report_detail", kwargs={"slug": self.slug})

    def days_left(self, today: datetime.date | None = None) -> int:
        today = today or timezone.localdate()
        return (self.response_deadline - today).days


class Part(models.Model):
    """A group of items in a report, such as "Part 2: Recommendations"."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="parts")
    order = models.PositiveIntegerField()
    label = models.CharField(max_length=50, blank=True, help_text='For example "Part 2".')
    title = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["report", "order"]
        constraints = [
            models.UniqueConstraint(fields=["report", "order"], name="part_order_unique"),
        ]

    def __str__(self) -> str:
        return ": ".join(filter(None, [self.label, self.title]))


class ItemKind(models.TextChoices):
    FINDING = "finding", "Key finding"
    RECOMMENDATION = "recommendation", "Recommendation"
    QUESTION = "question", "Question"
    OTHER = "other", "Item"


class Item(models.Model):
    """One thing in the report a forum takes a position on."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="items")
    part = models.ForeignKey(
        Part, on_delete=models.SET_NULL, null=True, blank=True, related_name="items"
    )
    order = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=ItemKind.choices, default=ItemKind.OTHER)
    number = models.CharField(
        max_length=30, blank=True, help_text='The report\'s own number or label, e.g. "3" or "10a".'
    )
    title = models.CharField(max_length=300)
    text = models.TextField("the report's own text", blank=True)

    class Meta:
        ordering = ["report", "order"]
        constraints = [
            models.UniqueConstraint(fields=["report", "order"], name="item_order_unique"),
        ]

    def __str__(self) -> str:
        return self.heading

    @property
    def heading(self) -> str:
        """ "Recommendation 3: Creating a more inclusive mainstream offer"."""
        if self.number:
            return f"{self.get_kind_display()} {self.number}: {self.title}"
        return self.title
