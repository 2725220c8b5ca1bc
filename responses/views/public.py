"""The published statement: public pages, PDFs and Word files, for anyone."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from ..forms import PublicSearchForm
from ..models import Report
from ..publishing import (
    latest_publication,
    publication_of,
    published_entries,
    published_provenance,
    published_statements,
)
from ..rendering import prefetched
from ..search import search_published
from ..word import CONTENT_TYPE as DOCX_CONTENT_TYPE
from ..word import published_docx
from .search import pages_around


def _render(request: HttpRequest, publication) -> HttpResponse:
    report = publication.response.report
    entries = published_entries(publication)
    with prefetched(entry.revision.text for entry in entries):
        return render(
            request,
            "statement/public.html",
            {
                "report": report,
                "publication": publication,
                "entries": entries,
                "provenance": published_provenance(entries),
                "versions": publication.response.publications.order_by("-version"),
                "latest": latest_publication(report),
            },
        )


def statement_index(request: HttpRequest) -> HttpResponse:
    """Every published statement, and a search of their words."""
    form = PublicSearchForm(request.GET or None)
    words = form.words
    results = search_published(words, form.page_number) if words else None
    return render(
        request,
        "statement/index.html",
        {
            "publications": published_statements(),
            "form": form,
            "results": results,
            **pages_around(request, results),
        },
    )


def statement_latest(request: HttpRequest, slug: str) -> HttpResponse:
    publication = latest_publication(get_object_or_404(Report, slug=slug))
    if publication is None:
        raise Http404("This statement is not published yet.")
    return _render(request, publication)


def statement_version(request: HttpRequest, slug: str, version: int) -> HttpResponse:
    return _render(request, _publication(slug, version))


def _publication(slug: str, version: int):
    publication = publication_of(get_object_or_404(Report, slug=slug), version)
    if publication is None:
        raise Http404("No such version.")
    return publication


def _filename(publication, extension: str) -> str:
    return f"nnpcf-statement-{publication.response.report.slug}-v{publication.version}.{extension}"


def statement_pdf(request: HttpRequest, slug: str, version: int) -> FileResponse:
    publication = _publication(slug, version)
    return FileResponse(
        publication.pdf.open("rb"),
        as_attachment=True,
        filename=_filename(publication, "pdf"),
        content_type="application/pdf",
    )


def statement_docx(request: HttpRequest, slug: str, version: int) -> HttpResponse:
    publication = _publication(slug, version)
    docx = HttpResponse(published_docx(publication), content_type=DOCX_CONTENT_TYPE)
    docx["Content-Disposition"] = f'attachment; filename="{_filename(publication, "docx")}"'
    return docx
