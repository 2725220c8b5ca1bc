from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


class ForumKind(models.TextChoices):
    NATIONAL = "national", "National network"
    REGION = "region", "Region"
    LOCAL = "local", "Local forum"


class Forum(models.Model):
    """A group that responds. Forums form a tree: the national network at the root,
    the regions under it, and the local forums under their region. Each level drafts
    from the level below it."""

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

    def clean(self) -> None:
        # A region sits under the national network, a local forum under a region.
        expected = {ForumKind.REGION: ForumKind.NATIONAL, ForumKind.LOCAL: ForumKind.REGION}
        wanted = expected.get(self.kind)
        if wanted and self.parent is not None and self.parent.kind != wanted:
            raise ValidationError(
                {
                    "parent": f"A {self.get_kind_display().lower()} sits under a "
                    f"{ForumKind(wanted).label.lower()}."
                }
            )

    @property
    def possessive(self) -> str:
        """ "London’s", and "National Network of Parent Carer Forums’"."""
        return f"{self.name}’" if self.name.endswith("s") else f"{self.name}’s"

    @property
    def response_title(self) -> str:
        """ "The national statement", "London’s response"."""
        return "The national statement" if self.is_national else f"{self.possessive} response"

    @property
    def is_national(self) -> bool:
        return self.kind == ForumKind.NATIONAL

    @property
    def drafts_from_below(self) -> bool:
        """The national network drafts from the regions, a region from its local
        forums; a local forum has nobody below it."""
        return self.kind in _KIND_BELOW

    @property
    def kind_below(self) -> str | None:
        return _KIND_BELOW.get(self.kind)

    @property
    def below_word(self) -> str:
        """What the forums one level below are called: "regions", "local forums"."""
        return _PLURALS.get(self.kind_below or "", "forums")

    @property
    def below_singular(self) -> str:
        return self.below_word.removesuffix("s")


_KIND_BELOW = {ForumKind.NATIONAL: ForumKind.REGION, ForumKind.REGION: ForumKind.LOCAL}
_PLURALS = {ForumKind.REGION: "regions", ForumKind.LOCAL: "local forums"}


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
