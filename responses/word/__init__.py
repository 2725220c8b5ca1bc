"""Response Word files: the same read model as the PDF, in Word's own structure."""

from .render import CONTENT_TYPE, docx_filename, published_docx, render_response_docx

__all__ = ["CONTENT_TYPE", "docx_filename", "published_docx", "render_response_docx"]
