"""Downloads of a response's PDF, kept in the shared file store under a hash of their
content, so that asking again for an unchanged response does not render it again.

Only Django's storage API touches the stored files, so the store may be the local
folder or an object store that several machines share (STORAGES in the settings)."""

import hashlib

from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from weasyprint import __version__ as weasyprint_version

from ..models import Response
from .render import STYLESHEET, html_to_pdf, render_response_html

FOLDER = "pdf-cache"


def content_key(html: str) -> str:
    """What decides the PDF's bytes: the filled-in print template, its stylesheet and
    the renderer's version."""
    digest = hashlib.sha256()
    digest.update(f"WeasyPrint {weasyprint_version}\n".encode())
    with open(finders.find(STYLESHEET), "rb") as stylesheet:
        digest.update(stylesheet.read())
    digest.update(html.encode())
    return digest.hexdigest()


def cached_response_pdf(response: Response) -> bytes:
    """The draft PDF of `response` as it stands, rendered only when its content changed.

    Each response keeps only its latest PDF: a render clears the ones before it.
    """
    html = render_response_html(response)
    folder = f"{FOLDER}/{response.pk}"
    name = f"{folder}/{content_key(html)}.pdf"
    # Opening straight away rather than asking first: on an object store each question
    # is a round trip.
    try:
        with default_storage.open(name) as stored:
            return stored.read()
    except FileNotFoundError:
        pass  # never rendered, or cleared by a render of newer content just now
    pdf = html_to_pdf(html)
    default_storage.save(name, ContentFile(pdf))
    for older in default_storage.listdir(folder)[1]:
        if f"{folder}/{older}" != name:
            # Earlier content, or the same bytes stored at the same moment by another
            # request under a name of its own.
            default_storage.delete(f"{folder}/{older}")
    return pdf


def pdf_filename(response: Response) -> str:
    return f"{response.report.slug}-{response.forum.slug}-draft.pdf"
