"""Reading reports: their parts and items in order."""

from dataclasses import dataclass

from .models import Item, Part, Report


@dataclass
class PartGroup:
    part: Part | None
    items: list[Item]


def report_outline(report: Report) -> list[PartGroup]:
    """The report's items grouped under their parts, in report order (two queries)."""
    parts = {part.pk: part for part in report.parts.all()}
    groups: list[PartGroup] = []
    for item in report.items.order_by("order"):
        part = parts.get(item.part_id)
        if not groups or groups[-1].part != part:
            groups.append(PartGroup(part=part, items=[]))
        groups[-1].items.append(item)
    return groups
