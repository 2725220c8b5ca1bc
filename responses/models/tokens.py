from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A person's key to the API, which acts as them: it sees what they may see.

    Only the SHA-256 digest of the key is kept, so the table alone opens nothing; the
    key itself is shown to its owner once, when it is made. A revoked key stays on the
    record, and never works again.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What the owner uses it for.")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Written at most once a minute (responses.tokens.LAST_USED_EVERY), not on every call.
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["person", "-created_at", "-pk"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"API token “{self.name}”"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
