"""Rendering a response to PDF: the print template, then WeasyPrint with a locked fetcher."""

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from django.template.loader import render_to_string
from weasyprint import HTML

from ..document import Publication, response_document
from ..models import Response, Revision
from .aside import render_aside
from .fetcher import BASE_URL, StaticFilesFetcher

TEMPLATE = "pdf/response.html"
STYLESHEET = "pdf/print.css"

# Tagged PDF/UA-1 (PDF 1.7): structure, reading order, language and title for screen
# readers. Custom metadata carries the version and status into the document properties.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "custom_metadata": True}


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    sha256: str

    @classmethod
    def of(cls, content: bytes) -> "RenderedPdf":
        return cls(content=content, sha256=hashlib.sha256(content).hexdigest())


def render_response_html(
    response: Response,
    *,
    revisions: Mapping[int, Revision] | None = None,
    publication: Publication | None = None,
) -> str:
    """The print template filled in for `response` (see `response_document`)."""
    document = response_document(response, revisions=revisions, publication=publication)
    return render_to_string(
        TEMPLATE, {"document": document, "static_base": BASE_URL, "stylesheet": STYLESHEET}
    )


def html_to_pdf(html: str) -> bytes:
    """The PDF of the print HTML, made in a process of its own (see `aside`)."""
    return render_aside(html)


def write_pdf(html: str) -> bytes:
    """WeasyPrint's PDF of the print HTML, made in this process; it can load the
    product's static files only."""
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher())
    return document.write_pdf(**PDF_OPTIONS)


def render_response_pdf(
    response: Response,
    *,
    revisions: Mapping[int, Revision] | None = None,
    publication: Publication | None = None,
) -> RenderedPdf:
    """The PDF of `response`: the latest revisions, or exactly `revisions` ({section id:
    revision}); marked DRAFT on every page unless `publication` (with `version` and
    `published_on`) is given, whose version then shows on the cover, in the footer and in
    the document properties. The same inputs give the same bytes."""
    html = render_response_html(response, revisions=revisions, publication=publication)
    return RenderedPdf.of(html_to_pdf(html))
