"""Forums' responses and their sections: as their reader sees them, with a token."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import PageNumberPagination, paginate

from .. import permissions
from ..models import Response
from . import reading
from .schemas import ErrorOut, ResponseDetailOut, ResponseOut, SectionOut

router = Router(tags=["Responses"])


@router.get(
    "/responses/",
    response={200: list[ResponseOut], 401: ErrorOut},
    summary="Responses",
    url_name="api_responses",
)
@paginate(PageNumberPagination)
def responses(
    request: HttpRequest, report: str | None = None, forum: str | None = None
) -> QuerySet[Response]:
    """The responses you may read: your forums', and those of the forums one level
    below them (the steering group reads every one). `report` and `forum` narrow them
    by slug."""
    found = permissions.visible_responses(request.user)
    if report:
        found = found.filter(report__slug=report)
    if forum:
        found = found.filter(forum__slug=forum)
    return found.order_by("report__response_deadline", "report__slug", "forum__name", "pk")


@router.get(
    "/responses/{int:pk}/",
    response={200: ResponseDetailOut, 401: ErrorOut, 404: ErrorOut},
    summary="A response with its sections",
    url_name="api_response",
)
def response(request: HttpRequest, pk: int) -> Response:
    """One response with every section: its stance and latest text."""
    return permissions.get_response_for_view(request.user, pk)


@router.get(
    "/sections/{int:pk}/",
    response={200: SectionOut, 401: ErrorOut, 404: ErrorOut},
    summary="A section",
    url_name="api_section",
)
def section(request: HttpRequest, pk: int) -> reading.SectionRead:
    """One section of a response: its stance and latest text."""
    return reading.section_as_it_stands(permissions.get_section_for_view(request.user, pk))
