from django.conf import settings
from django.db import models
from django.db.models import Q


class ForumKind(models.TextChoices):
    NATIONAL = "national", "National network"
    REGION = "region", "Region"
    LOCAL = "local", "Local forum"


class Forum(models.Model):
    """A group that responds. Forums form a tree: the national network at the root,
    regions under it, and (later) local forums under regions."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=ForumKind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            # Only the national network stands at the root of the tree.
            models.CheckConstraint(
                condition=Q(kind=ForumKind.NATIONAL, parent__isnull=True)
                | (~Q(kind=ForumKind.NATIONAL) & Q(parent__isnull=False)),
                name="forum_only_national_at_root",
            ),
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind=ForumKind.NATIONAL),
                name="forum_one_national_network",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def possessive(self) -> str:
        """ "London’s", and "National Network of Parent Carer Forums’"."""
        return f"{self.name}’" if self.name.endswith("s") else f"{self.name}’s"

    @property
    def is_national(self) -> bool:
        return self.kind == ForumKind.NATIONAL


class Role(models.TextChoices):
    MEMBER = "member", "Member"
    LEAD = "lead", "Lead"
    STEERING = "steering", "Steering group member"


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["forum__name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "forum"], name="membership_one_per_forum"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} of {self.forum}"
