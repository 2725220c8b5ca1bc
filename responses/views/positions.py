import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import permissions
from ..models import ForumKind
from ..positions import STANCE_ICONS, positions_every_level, positions_rollup, tally_chart

# Spreadsheet programs run a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@login_required
def positions_page(request: HttpRequest, slug: str, forum_slug: str) -> HttpResponse:
    report, forum = permissions.get_forum_for_positions(request.user, slug, forum_slug)
    rollup = positions_rollup(report, forum, opened=frozenset(request.GET.getlist("open")))
    return render(
        request,
        "positions/matrix.html",
        {
            "report": report,
            "forum": forum,
            "rollup": rollup,
            "matrix": rollup.matrix,
            "chart": tally_chart(rollup.matrix.tallies),
            "icons": STANCE_ICONS,
            "can_draft": permissions.can_draft_from_below(request.user, report, forum),
            "opened": request.GET.getlist("open"),
        },
    )


def _cell(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def _level(forum) -> tuple[str, str]:
    """The CSV's "Level" and "Region" columns for a forum."""
    if forum.kind == ForumKind.LOCAL:
        return forum.get_kind_display(), forum.parent.name
    if forum.kind == ForumKind.REGION:
        return forum.get_kind_display(), forum.name
    return forum.get_kind_display(), ""


def _write_row(writer, values: list[str]) -> None:
    """Every row goes out through here, the header too: item titles and forum names
    are typed by people, so any cell may start like a formula."""
    writer.writerow([_cell(value) for value in values])


@login_required
def positions_csv(request: HttpRequest, slug: str, forum_slug: str) -> HttpResponse:
    report, forum = permissions.get_forum_for_positions(request.user, slug, forum_slug)
    matrix = positions_every_level(report, forum)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"{report.slug}-{forum.slug}-positions.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so that spreadsheet programs read the file as UTF-8
    writer = csv.writer(response)
    header = ["Level", "Region", "Forum", "Response"]
    for item in matrix.items:
        header += [f"{item.heading}: position", f"{item.heading}: text"]
    _write_row(writer, header)
    for row in matrix.rows:
        status = "No response" if row.response is None else row.response.get_status_display()
        line = [*_level(row.forum), row.forum.name, status]
        for cell in row.cells:
            line += [cell.stance_label, cell.text]
        _write_row(writer, line)
    return response
