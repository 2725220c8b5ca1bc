"""What each endpoint answers: the shapes the OpenAPI schema describes.

Addresses are absolute, made from the request the API was called with, so that a
caller can follow them as they are.
"""

import datetime
from typing import Any

from django.urls import reverse
from ninja import Field, Schema

from ..models import (
    ForumKind,
    Item,
    ItemKind,
    Publication,
    Report,
    Response,
    ResponseStatus,
    SectionKind,
    Stance,
)
from ..positions import STANCE_ORDER, Cell, Row, Tally
from . import reading


def _absolute(context: dict[str, Any], path: str) -> str:
    return context["request"].build_absolute_uri(path)


def _page_url(obj: Report | Response | Publication, context: dict[str, Any]) -> str:
    """The address of its own page on the site."""
    return _absolute(context, obj.get_absolute_url())


class ForumOut(Schema):
    slug: str
    name: str
    kind: ForumKind


class ItemOut(Schema):
    id: int
    order: int
    kind: ItemKind
    number: str = Field(description='The report\'s own number or label, e.g. "3" or "10a".')
    title: str
    heading: str = Field(description='For example "Recommendation 3: ...".')
    part: str | None = Field(description='The part it is in, e.g. "Part 2: Recommendations".')
    text: str = Field(description="The report's own text of the item.")

    @staticmethod
    def resolve_part(obj: Item) -> str | None:
        return str(obj.part) if obj.part_id else None


class ReportBriefOut(Schema):
    slug: str
    title: str
    publisher: str


class ReportOut(ReportBriefOut):
    source_url: str = Field(description="Where the report itself is published.")
    published_on: datetime.date | None
    response_deadline: datetime.date
    url: str = Field(description="The report's page on the site (signed in).")
    items: list[ItemOut]

    resolve_url = staticmethod(_page_url)


class SectionOut(Schema):
    id: int
    kind: SectionKind
    order: int
    heading: str
    item_id: int | None = Field(description="The report item it answers, for an item's section.")
    stance: Stance | None = Field(
        description="The position on the item; none for the introduction and the conclusion."
    )
    text: str = Field(description="The text as written, in Markdown.")
    html: str = Field(description="The same text as sanitised HTML.")
    revision_id: int | None = Field(description="The revision shown; none before the first save.")
    saved_at: datetime.datetime | None


class ResponseOut(Schema):
    id: int
    report: ReportBriefOut
    forum: ForumOut
    status: ResponseStatus
    is_statement: bool = Field(description="The national network's response: the statement.")
    submitted_at: datetime.datetime | None
    url: str = Field(description="The response's page on the site (signed in).")
    pdf_url: str = Field(description="The draft as a PDF (signed in).")
    word_url: str = Field(description="The draft as a Word file (signed in).")

    resolve_url = staticmethod(_page_url)

    @staticmethod
    def resolve_pdf_url(obj: Response, context: dict[str, Any]) -> str:
        return _absolute(context, reverse("response_pdf", kwargs={"pk": obj.pk}))

    @staticmethod
    def resolve_word_url(obj: Response, context: dict[str, Any]) -> str:
        return _absolute(context, reverse("response_docx", kwargs={"pk": obj.pk}))


class ResponseDetailOut(ResponseOut):
    sections: list[SectionOut]

    @staticmethod
    def resolve_sections(obj: Response) -> list[reading.SectionRead]:
        return reading.response_sections(obj)


class VersionOut(Schema):
    version: int
    published_at: datetime.datetime
    url: str = Field(description="The version's public page.")

    resolve_url = staticmethod(_page_url)


class StatementOut(Schema):
    """One published version of the national statement."""

    report: ReportBriefOut
    version: int
    published_at: datetime.datetime
    sha256: str = Field(description="The SHA-256 digest of the PDF, in hex.")
    url: str = Field(description="The version's public page.")
    pdf_url: str
    word_url: str

    @staticmethod
    def resolve_report(obj: Publication) -> Report:
        return obj.response.report

    @staticmethod
    def resolve_sha256(obj: Publication) -> str:
        return obj.pdf_sha256

    resolve_url = staticmethod(_page_url)

    @staticmethod
    def resolve_pdf_url(obj: Publication, context: dict[str, Any]) -> str:
        return _absolute(context, reverse("statement_pdf", kwargs=_version_kwargs(obj)))

    @staticmethod
    def resolve_word_url(obj: Publication, context: dict[str, Any]) -> str:
        return _absolute(context, reverse("statement_docx", kwargs=_version_kwargs(obj)))


def _version_kwargs(publication: Publication) -> dict[str, Any]:
    return {"slug": publication.response.report.slug, "version": publication.version}


class StatementDetailOut(StatementOut):
    sections: list[SectionOut] = Field(description="Exactly as this version fixed them.")
    versions: list[VersionOut] = Field(description="Every published version, the newest first.")

    @staticmethod
    def resolve_sections(obj: Publication) -> list[reading.SectionRead]:
        return reading.published_sections(obj)

    @staticmethod
    def resolve_versions(obj: Publication) -> list[Publication]:
        return reading.versions_of(obj)


class PositionOut(Schema):
    item_id: int
    stance: Stance | None = Field(description="None when the forum has no response.")
    stance_label: str

    @staticmethod
    def resolve_item_id(obj: Cell) -> int:
        return obj.item.pk


class PositionsRowOut(Schema):
    forum: ForumOut
    response_id: int | None
    status: ResponseStatus | None
    positions: list[PositionOut]

    @staticmethod
    def resolve_response_id(obj: Row) -> int | None:
        return obj.response.pk if obj.response else None

    @staticmethod
    def resolve_status(obj: Row) -> str | None:
        return obj.response.status if obj.response else None

    @staticmethod
    def resolve_positions(obj: Row) -> list[Cell]:
        return obj.cells


class TallyOut(Schema):
    item_id: int
    counts: dict[str, int] = Field(
        description="How many forums take each stance, and how many have no response "
        '("no_response").'
    )

    @staticmethod
    def resolve_item_id(obj: Tally) -> int:
        return obj.item.pk

    @staticmethod
    def resolve_counts(obj: Tally) -> dict[str, int]:
        return {stance.value: obj.count(stance) for stance in STANCE_ORDER} | {
            "no_response": obj.no_response
        }


class ItemBriefOut(Schema):
    id: int
    heading: str


class PositionsOut(Schema):
    """The positions of the forums one level below a forum, on every item."""

    report: ReportBriefOut
    forum: ForumOut
    items: list[ItemBriefOut]
    rows: list[PositionsRowOut]
    tallies: list[TallyOut]


class ErrorOut(Schema):
    detail: str
