"""Request and response handling that every page shares."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


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
