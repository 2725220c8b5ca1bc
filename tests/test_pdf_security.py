"""The PDF renderer reaches no network and no file beyond the product's static files.

A canary file waits on disk and a loopback HTTP server records every request; user
text, and raw HTML handed straight to WeasyPrint, reach for both in every way HTML and
CSS allow. Nothing of the canary may end up in the PDF and the server must see nothing.
"""

import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from responses.models import Stance
from responses.pdf import fetcher, render
from responses.pdf.fetcher import RefusedURL, StaticFilesFetcher, static_url
from responses.pdf.render import html_to_pdf, render_response_pdf

from . import factories
from .pdf_reading import every_byte, read


@pytest.fixture
def canary(tmp_path):
    """A file whose marker shows in the PDF if it is ever read, as a stylesheet or not."""
    marker = f"CANARY{uuid.uuid4().hex}"
    path = tmp_path / "canary.css"
    path.write_text(f'body::before {{ content: "{marker}" }} /* {marker} */')
    return marker, path.as_uri()


@pytest.fixture
def server(canary):
    """A loopback HTTP server that records requests, serves the canary and redirects."""
    marker, canary_uri = canary
    requests = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            if self.path.startswith("/redirect"):
                self.send_response(302)
                self.send_header("Location", canary_uri if "file" in self.path else "/canary.css")
                self.end_headers()
                return
            body = f'body::before {{ content: "{marker}" }}'.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass  # the suite prints nothing

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def reaching_html(origin: str, canary_uri: str) -> str:
    """Every way a document can ask for another file: each aimed at the loopback server,
    at the canary on disk and at a redirect to it."""
    return f"""
    <base href="{origin}/base/">
    <link rel="stylesheet" href="{origin}/link.css"><link rel="stylesheet" href="{canary_uri}">
    <link rel="attachment" href="{canary_uri}"><link rel="attachment" href="{origin}/attach">
    <style>
      @import url("{origin}/import.css"); @import url("{canary_uri}");
      @import url("{origin}/redirect-to-file"); @import url("{origin}/redirect-local");
      @font-face {{ font-family: "Reach"; src: url("{origin}/font.woff2"); }}
      @font-face {{ font-family: "Reach2"; src: url("{canary_uri}"); }}
      body {{ background: url("{origin}/background.png"); font-family: Reach, Reach2; }}
      p {{ list-style-image: url("{canary_uri}"); }}
    </style>
    <p>Reaching out.</p>
    <img src="{origin}/image.png" alt=""><img src="{canary_uri}" alt="">
    <img src="relative.png" alt=""><img src="{origin}/redirect-to-file" alt="">
    <img src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'%3E%3Cimage
      href='{origin}/in-data.png' width='9' height='9'/%3E%3C/svg%3E" alt="">
    <svg xmlns="http://www.w3.org/2000/svg" width="20" height="20">
      <image href="{origin}/svg-image.png" width="10" height="10"/>
      <image href="{canary_uri}" width="10" height="10"/>
    </svg>
    <object data="{origin}/object.svg" type="image/svg+xml"></object>
    <object data="{canary_uri}"></object>
    <embed src="{origin}/embed.svg" type="image/svg+xml"><embed src="{canary_uri}">
    <iframe src="{origin}/iframe.html"></iframe><iframe src="{canary_uri}"></iframe>
    <a rel="attachment" href="{canary_uri}">attached</a>
    """


def assert_nothing_leaked(pdf: bytes, marker: str, requests: list[str]) -> None:
    assert requests == []
    assert marker.encode() not in every_byte(pdf)
    assert read(pdf).attachments == {}


def test_user_text_reaching_for_files_and_servers_leaks_nothing(
    statement, steering, canary, server
):
    marker, canary_uri = canary
    origin, requests = server
    reaching = reaching_html(origin, canary_uri)
    markdown = f"![image]({origin}/markdown.png) ![file]({canary_uri}) [link]({canary_uri})"
    for section, text in zip(
        statement.sections.order_by("order"), [reaching, markdown, reaching], strict=False
    ):
        factories.draft(section, text, Stance.AGREE, author=steering)

    pdf = render_response_pdf(statement).content

    assert_nothing_leaked(pdf, marker, requests)


def test_fetcher_alone_refuses_every_reach_of_raw_html(canary, server, monkeypatch, caplog):
    """Even HTML that escaped the sanitiser loads nothing: the fetcher is the second wall."""
    marker, canary_uri = canary
    origin, requests = server
    fetchers = []

    class Recording(StaticFilesFetcher):
        def __init__(self):
            super().__init__()
            fetchers.append(self)

    monkeypatch.setattr(render, "StaticFilesFetcher", Recording)
    body = reaching_html(origin, canary_uri)
    html = f'<html lang="en-GB"><head><title>t</title></head><body>{body}</body></html>'

    pdf = render.write_pdf(html)  # in this process, where the fetcher is recorded

    assert_nothing_leaked(pdf, marker, requests)
    assert_nothing_leaked(html_to_pdf(html), marker, requests)  # and in the renderer's
    refused = fetchers[0].refused
    assert f"{origin}/link.css" in refused and f"{origin}/base/relative.png" in refused
    assert canary_uri in refused and f"{origin}/redirect-to-file" in refused
    assert f"{origin}/svg-image.png" in refused and f"{origin}/font.woff2" in refused
    assert any(url.startswith("data:image/svg+xml") for url in refused)


def test_fetcher_serves_the_print_stylesheet_and_fonts():
    served = StaticFilesFetcher().fetch(static_url("pdf/print.css"))

    assert served.content_type == "text/css"
    assert b"@font-face" in served.read()
    font = "vendor/atkinson-hyperlegible/atkinson-hyperlegible-latin-400-normal.woff2"
    assert StaticFilesFetcher().fetch(static_url(font)).read()[:4] == b"wOF2"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        f"http://{fetcher.STATIC_HOST}/pdf/print.css",
        f"https://{fetcher.STATIC_HOST}.example.org/pdf/print.css",
        f"https://{fetcher.STATIC_HOST}/pdf/print.css?v=1",
        f"https://{fetcher.STATIC_HOST}/../nnpcf/settings.css",
        f"https://{fetcher.STATIC_HOST}/pdf/%2e%2e/%2e%2e/%2e%2e/etc/passwd.css",
        f"https://{fetcher.STATIC_HOST}/pdf/..%2F..%2Fmanage.css",
        f"https://{fetcher.STATIC_HOST}//etc/ssl/certs/ca-certificates.css",
        f"https://{fetcher.STATIC_HOST}/vendor/bootstrap/bootstrap.min.css.map",
        f"https://{fetcher.STATIC_HOST}/pdf/missing.css",
        "data:text/css,body{}",
        "https://example.org/pdf/print.css",
    ],
)
def test_fetcher_refuses_anything_else(url):
    refusing = StaticFilesFetcher()

    with pytest.raises(RefusedURL):
        refusing.fetch(url)
    assert refusing.refused == [url]
