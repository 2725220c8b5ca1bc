"""PDFs made in a process of their own, at a lower priority, bounded in time and memory
(see `responses.aside`): PDF_RENDER_SECONDS and PDF_RENDER_MEMORY_MB."""

from django.conf import settings

from ..aside import NICENESS, AsideFailed, forkserver, run_aside

__all__ = ["NICENESS", "RenderFailed", "forkserver", "render_aside"]


class RenderFailed(RuntimeError):
    """The child did not give a PDF: it ran out of time or memory, or WeasyPrint failed."""


def render_aside(html: str) -> bytes:
    """The PDF of `html`, made by `render.write_pdf` in a niced child process."""
    from .render import write_pdf

    try:
        return run_aside(
            write_pdf,
            html,
            name="pdf-render",
            what="the PDF renderer",
            seconds=settings.PDF_RENDER_SECONDS,
            memory=settings.PDF_RENDER_MEMORY,
        )
    except AsideFailed as failure:
        raise RenderFailed(str(failure)) from failure
