"""Reports: reading their parts and items in order, and creating them."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from django.db import transaction
from django.utils.text import slugify

from . import audit
from .models import Item, Part, Report
from .people import User


class NewPart(Protocol):
    """What `create_report` reads of each part it is given."""

    @property
    def label(self) -> str: ...

    @property
    def title(self) -> str: ...


class NewItem(Protocol):
    """What `create_report` reads of each item it is given; `part` indexes the parts."""

    @property
    def kind(self) -> str: ...

    @property
    def number(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def part(self) -> int | None: ...


@dataclass
class PartGroup:
    part: Part | None
    items: list[Item]


def report_outline(report: Report) -> list[PartGroup]:
    """The report's items grouped under their parts, in report order (two queries)."""
    parts: dict[int | None, Part] = {part.pk: part for part in report.parts.all()}
    groups: list[PartGroup] = []
    for item in report.items.order_by("order"):
        part = parts.get(item.part_id)
        if not groups or groups[-1].part != part:
            groups.append(PartGroup(part=part, items=[]))
        groups[-1].items.append(item)
    return groups


def unique_slug(title: str) -> str:
    """A slug for a new report from its title, numbered when the title was used before."""
    base = slugify(title)[:100].strip("-") or "report"
    taken = set(Report.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def create_report(
    *,
    actor: User,
    title: str,
    response_deadline: datetime.date,
    publisher: str = "",
    source_url: str = "",
    published_on: datetime.date | None = None,
    approval_quorum: int = 2,
    parts: Sequence[NewPart],
    items: Sequence[NewItem],
    source: str = "",
) -> Report:
    """A new report with its parts and items, in the order given; on the record.

    Each item's `part` indexes `parts`; parts that no item belongs to are left out.
    """
    if not items:
        raise ValueError("A report needs at least one item.")
    report = Report.objects.create(
        title=title,
        slug=unique_slug(title),
        publisher=publisher,
        source_url=source_url,
        published_on=published_on,
        response_deadline=response_deadline,
        approval_quorum=approval_quorum,
    )
    created_parts: dict[int, Part] = {}
    for index in sorted({item.part for item in items if item.part is not None}):
        part = parts[index]
        created_parts[index] = Part.objects.create(
            report=report, order=len(created_parts) + 1, label=part.label, title=part.title
        )
    Item.objects.bulk_create(
        Item(
            report=report,
            part=created_parts.get(item.part) if item.part is not None else None,
            order=order,
            kind=item.kind,
            number=item.number,
            title=item.title,
            text=item.text,
        )
        for order, item in enumerate(items, start=1)
    )
    audit.record(
        actor=actor,
        verb=audit.AuditVerb.REPORT_CREATED,
        target=report,
        report=report,
        data={"parts": len(created_parts), "items": len(items), "source": source},
    )
    return report


# What the record notes when someone changes a report by hand, in the administration
# pages: the settings that change what drafters and approvers see or need.
SETTINGS_ON_THE_RECORD = (
    "title",
    "slug",
    "publisher",
    "source_url",
    "published_on",
    "response_deadline",
    "approval_quorum",
)


def _setting(value: object) -> str:
    if value in (None, ""):
        return "none"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


@transaction.atomic
def save_report_settings(*, actor: User, report: Report) -> None:
    """Save a report added or changed by hand; on the record with what changed."""
    if report.pk is None:
        report.save()
        audit.record(
            actor=actor,
            verb=audit.AuditVerb.REPORT_CREATED,
            target=report,
            report=report,
            data={"source": "administration pages"},
        )
        return
    before = Report.objects.select_for_update().filter(pk=report.pk).values(*SETTINGS_ON_THE_RECORD)
    previous = before.get()
    report.save()
    changed = {
        name: f"from {_setting(previous[name])} to {_setting(getattr(report, name))}"
        for name in SETTINGS_ON_THE_RECORD
        if previous[name] != getattr(report, name)
    }
    if changed:
        audit.record(
            actor=actor,
            verb=audit.AuditVerb.REPORT_SETTINGS_CHANGED,
            target=report,
            report=report,
            data=changed,
        )
