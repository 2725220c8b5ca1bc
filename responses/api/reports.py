"""Reports with their items, and the positions of the forums below a forum: for those
who may see them, with a token."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import PageNumberPagination, paginate

from .. import permissions
from ..models import Report
from ..positions import positions_rollup
from . import reading
from .schemas import ErrorOut, PositionsOut, ReportOut

router = Router(tags=["Reports"])


@router.get(
    "/reports/",
    response={200: list[ReportOut], 401: ErrorOut},
    summary="Reports",
    url_name="api_reports",
)
@paginate(PageNumberPagination)
def reports(request: HttpRequest) -> QuerySet[Report]:
    """The reports you may see, by response deadline, each with its items in order."""
    visible = permissions.visible_reports(request.user).order_by("response_deadline", "title", "pk")
    return reading.with_items(visible)


@router.get(
    "/reports/{slug}/",
    response={200: ReportOut, 401: ErrorOut, 404: ErrorOut},
    summary="A report",
    url_name="api_report",
)
def report(request: HttpRequest, slug: str) -> Report:
    """One report with its items in order."""
    return reading.report_with_items(permissions.get_report_for_view(request.user, slug))


@router.get(
    "/reports/{slug}/positions/{forum_slug}/",
    response={200: PositionsOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Positions of the forums below a forum",
    url_name="api_positions",
)
def positions(request: HttpRequest, slug: str, forum_slug: str) -> dict:
    """The positions matrix: the stance of each forum one level below `forum_slug` (the
    regions below the national network, a region's local forums) on every item, with
    a tally per item. The steering group sees every level; a region's people see
    their own region's."""
    report, forum = permissions.get_forum_for_positions(request.user, slug, forum_slug)
    matrix = positions_rollup(report, forum).matrix
    return {
        "report": report,
        "forum": forum,
        "items": matrix.items,
        "rows": matrix.rows,
        "tallies": matrix.tallies,
    }
