"""Report imports: from a document to an outline the user edits, then to a report.

Nothing is created until the user confirms. Between steps the outline lives on a
`ReportImport` row; each edit locks that row, so two tabs (or two application
processes) editing the same import apply their edits one after the other.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.db import transaction

from ..models import Report, ReportImport
from ..reports import create_report
from .outline import DraftItem, DraftPart, Outline, OutlineError
from .reading import Block
from .splitting import split_document

T = TypeVar("T")


@transaction.atomic
def start_import(*, actor, source_name: str, blocks: list[Block]) -> ReportImport:
    """Split the document and keep its outline for the preview."""
    outline = split_document(blocks)
    return ReportImport.objects.create(
        owner=actor, source_name=source_name[:255], outline=outline.to_json()
    )


@transaction.atomic
def edit_import(*, actor, report_import: ReportImport, edit: Callable[[Outline], T]) -> T:
    """Apply one preview edit (see `outline`) to the import's outline; its result back."""
    locked = ReportImport.objects.select_for_update().get(pk=report_import.pk, owner=actor)
    if locked.is_confirmed:
        raise OutlineError("This import has already been saved as a report.")
    outline = Outline.from_json(locked.outline)
    result = edit(outline)
    locked.outline = outline.to_json()
    locked.save(update_fields=["outline", "updated_at"])
    report_import.outline = locked.outline
    return result


@transaction.atomic
def confirm_import(*, actor, report_import: ReportImport, details: dict) -> Report:
    """Create the report from the kept items. Confirming twice gives the same report."""
    locked = ReportImport.objects.select_for_update().get(pk=report_import.pk, owner=actor)
    if locked.is_confirmed:
        return locked.report
    outline = Outline.from_json(locked.outline)
    items = outline.kept_items()
    if not items:
        raise OutlineError("Keep at least one item: every item has been dropped.")
    report = create_report(
        actor=actor, parts=outline.parts, items=items, source=locked.source_name, **details
    )
    locked.report = report
    locked.save(update_fields=["report", "updated_at"])
    report_import.report = report
    return report


@transaction.atomic
def discard_import(*, actor, report_import: ReportImport) -> None:
    ReportImport.objects.filter(pk=report_import.pk, owner=actor).delete()


@dataclass
class PreviewGroup:
    part: DraftPart | None
    items: list[DraftItem]


@dataclass
class Preview:
    outline: Outline
    groups: list[PreviewGroup]
    kept: int
    dropped: int


def preview_for(report_import: ReportImport) -> Preview:
    """What the preview page shows: the items grouped under their parts."""
    outline = Outline.from_json(report_import.outline)
    groups: list[PreviewGroup] = []
    for item in outline.items:
        part = outline.parts[item.part] if item.part is not None else None
        if not groups or groups[-1].part is not part:
            groups.append(PreviewGroup(part=part, items=[]))
        groups[-1].items.append(item)
    kept = len(outline.kept_items())
    return Preview(outline=outline, groups=groups, kept=kept, dropped=len(outline.items) - kept)
