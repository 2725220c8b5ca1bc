from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SectionSearch(models.Model):
    """The words of a section's latest text, as PostgreSQL's full-text search reads
    them (English configuration: "tribunals" is found by "tribunal").

    Kept beside the section rather than on it, so that the many pages which read
    sections do not carry the vectors too. Written where a revision becomes the
    latest (responses.drafting), on PostgreSQL only: SQLite searches the text itself
    (responses.search)."""

    section = models.OneToOneField(
        "responses.Section", on_delete=models.CASCADE, primary_key=True, related_name="search"
    )
    vector = SearchVectorField(null=True)

    def __str__(self) -> str:
        return f"Search words of section {self.section_id}"


class PublishedSearch(models.Model):
    """The words of a published section as it was published, for the public index's
    search (PostgreSQL only, written when the statement is published)."""

    published_section = models.OneToOneField(
        "responses.PublishedSection",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search",
    )
    vector = SearchVectorField(null=True)

    def __str__(self) -> str:
        return f"Search words of published section {self.published_section_id}"
