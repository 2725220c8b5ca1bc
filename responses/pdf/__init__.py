"""Response PDFs: a print template rendered by WeasyPrint that can reach nothing but the
product's own static files."""

from .render import RenderedPdf, render_response_pdf

__all__ = ["RenderedPdf", "render_response_pdf"]
