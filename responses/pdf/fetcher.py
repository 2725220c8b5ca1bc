"""What WeasyPrint may load while it renders: the product's own static files, nothing else.

User text is sanitised before it reaches the print template, so it carries no images,
stylesheets or frames; this fetcher is the second wall. The print template names its
stylesheet and fonts under `BASE_URL`, an address on a reserved domain that never
resolves, and the fetcher answers those from the static files on disk itself. Every
other address (`file:`, `http(s):` anywhere else, `data:`, a path that climbs out of
the static folders, a type of file the print template never uses) is refused without a
byte read or a connection opened, so no redirect can ever be followed either.
"""

from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from weasyprint.urls import URLFetcher, URLFetcherResponse

# ".invalid" is reserved (RFC 2606): no resolver answers for it.
STATIC_HOST = "static.pdf.invalid"
BASE_URL = f"https://{STATIC_HOST}/"

# The kinds of static file a print template uses.
ALLOWED_TYPES = {
    ".css": "text/css",
    ".woff2": "font/woff2",
    ".svg": "image/svg+xml",
    ".png": "image/png",
}


class RefusedURL(ValueError):
    """WeasyPrint asked for something that is not one of the product's static files."""


def static_url(path: str) -> str:
    """The address of a static file, as the print template names it."""
    return BASE_URL + path.lstrip("/")


class StaticFilesFetcher(URLFetcher):
    """Serves the product's own static files to WeasyPrint and refuses everything else.

    `refused` lists the addresses it turned away, in order, for the logs and the tests.
    """

    def __init__(self) -> None:
        # No protocol is allowed to reach urllib: `fetch` below never calls it.
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=False)
        self.refused: list[str] = []

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        found = _static_file(url)
        if found is None:
            self.refused.append(url)
            raise RefusedURL(f"Only the product's static files may be used in a PDF: {url}")
        path, content_type = found
        with open(path, "rb") as static_file:
            body = static_file.read()
        return URLFetcherResponse(url, body, headers={"Content-Type": content_type})


def _static_file(url: str) -> tuple[str, str] | None:
    """(file path, content type) when `url` names one of the static files, else None."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme != "https" or parts.netloc != STATIC_HOST or parts.query:
        return None
    relative = unquote(parts.path).lstrip("/")
    pieces = PurePosixPath(relative).parts
    if not pieces or any(
        piece in {"..", "."} or "\\" in piece or "\0" in piece for piece in pieces
    ):
        return None
    content_type = ALLOWED_TYPES.get(PurePosixPath(relative).suffix.lower())
    if content_type is None:
        return None
    try:
        path = finders.find(relative)
    except SuspiciousFileOperation:
        return None
    if not path:
        return None
    return path, content_type
