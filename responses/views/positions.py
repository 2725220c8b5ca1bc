import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import permissions
from ..positions import STANCE_ICONS, positions_matrix, tally_chart

# Spreadsheet programs run a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@login_required
def positions_page(request: HttpRequest, slug: str) -> HttpResponse:
    report = permissions.get_report_for_positions(request.user, slug)
    matrix = positions_matrix(report)
    return render(
        request,
        "positions/matrix.html",
        {
            "report": report,
            "matrix": matrix,
            "chart": tally_chart(matrix.tallies),
            "icons": STANCE_ICONS,
            "can_draft_statement": permissions.can_draft_statement(request.user, report),
        },
    )


def _cell(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def _write_row(writer, values: list[str]) -> None:
    """Every row goes out through here, the header too: item titles and forum names
    are typed by people, so any cell may start like a formula."""
    writer.writerow([_cell(value) for value in values])


@login_required
def positions_csv(request: HttpRequest, slug: str) -> HttpResponse:
    report = permissions.get_report_for_positions(request.user, slug)
    matrix = positions_matrix(report)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{report.slug}-positions.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read the file as UTF-8
    writer = csv.writer(response)
    header = ["Forum", "Response"]
    for item in matrix.items:
        header += [f"{item.heading}: position", f"{item.heading}: text"]
    _write_row(writer, header)
    for row in matrix.rows:
        status = "No response" if row.response is None else row.response.get_status_display()
        line = [row.forum.name, status]
        for cell in row.cells:
            line += [cell.stance_label, cell.text]
        _write_row(writer, line)
    return response
