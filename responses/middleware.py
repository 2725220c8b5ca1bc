"""Request and response handling that every page shares."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .views.errors import too_large


class SignedInPagesStayPrivateMiddleware:
    """A signed-in person's pages hold their forum's drafts and their own name: no
    shared cache may keep them, and the browser keeps no copy in its history for the
    next person at a shared computer. The public statement pages, seen signed out, keep
    whatever caching their view chose; static files are served before this runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
        return response


class RefuseOversizedRequestsMiddleware:
    """A request larger than MAX_REQUEST_BYTES (a file past the upload limit, say) gets
    the product's page saying so, before any of it is parsed or stored. What the
    browser is still sending is read and thrown away, up to a bound, so that it shows
    the page rather than a broken connection."""

    DRAIN_LIMIT_FACTOR = 4
    CHUNK = 64 * 1024

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length <= settings.MAX_REQUEST_BYTES:
            return self.get_response(request)
        if length <= settings.MAX_REQUEST_BYTES * self.DRAIN_LIMIT_FACTOR:
            while request.read(self.CHUNK):
                pass
        return too_large(request)
