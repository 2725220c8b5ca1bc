"""The product's own pages for requests it cannot take."""

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..importing.forms import MAX_PASTED_CHARACTERS
from ..importing.reading import MAX_BYTES


def too_large(request: HttpRequest) -> HttpResponse:
    """More was sent than a page takes: a file past the upload limit, say."""
    return render(
        request,
        "413.html",
        {
            "file_megabytes": MAX_BYTES // (1024 * 1024),
            "pasted_characters": MAX_PASTED_CHARACTERS,
        },
        status=413,
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's answer to a request it refuses to read (handler400)."""
    if isinstance(exception, RequestDataTooBig):
        return too_large(request)
    return render(request, "400.html", status=400)
