"""The published statements: for anyone, without a token."""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import PageNumberPagination, paginate

from ..models import Publication, Report
from ..publishing import latest_publication, publication_of, published_statements
from .schemas import ErrorOut, StatementDetailOut, StatementOut

router = Router(tags=["Published statements"], auth=None)


@router.get(
    "/statements/",
    response=list[StatementOut],
    summary="Published statements",
    url_name="api_statements",
)
@paginate(PageNumberPagination)
def statements(request: HttpRequest) -> list[Publication]:
    """The latest published version of every statement, the newest first."""
    return published_statements()


@router.get(
    "/statements/{slug}/",
    response={200: StatementDetailOut, 404: ErrorOut},
    summary="A statement, latest version",
    url_name="api_statement_latest",
)
def statement_latest(request: HttpRequest, slug: str) -> Publication:
    """The latest published version of the statement on a report, with its sections."""
    publication = latest_publication(get_object_or_404(Report, slug=slug))
    if publication is None:
        raise Http404("This statement is not published yet.")
    return publication


@router.get(
    "/statements/{slug}/versions/{version}/",
    response={200: StatementDetailOut, 404: ErrorOut},
    summary="A statement, one version",
    url_name="api_statement_version",
)
def statement_version(request: HttpRequest, slug: str, version: int) -> Publication:
    """One published version of the statement on a report, with its sections."""
    publication = publication_of(get_object_or_404(Report, slug=slug), version)
    if publication is None:
        raise Http404("No such version.")
    return publication
