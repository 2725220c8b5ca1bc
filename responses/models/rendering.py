from django.db import models


class RenderedText(models.Model):
    """User text rendered from Markdown to safe HTML, once for each distinct text.

    The key is a digest of the text and of the rendering itself (see
    responses.rendering), so a row never goes stale: a changed text has another key,
    and so does every text once the rendering changes. Kept in the database, so every
    application process shares it."""

    key = models.CharField(max_length=64, primary_key=True)
    html = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.key
