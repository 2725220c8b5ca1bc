"""Loaded once by the PDF renderer's fork server (responses.pdf.aside): Django set up and
WeasyPrint imported, so that each render's child, forked from it, starts at once."""

import django

django.setup()

import weasyprint  # noqa: E402,F401 - imported to be inherited by the children

from responses.pdf import render  # noqa: E402,F401
