"""Loaded once by the fork server of the work done aside (responses.aside): Django set
up, and WeasyPrint and the document readers imported, so that each child forked from it
starts at once."""

import django

django.setup()

import docx  # noqa: E402,F401 - imported to be inherited by the children
import pypdf  # noqa: E402,F401
import weasyprint  # noqa: E402,F401

from responses.importing import reading  # noqa: E402,F401
from responses.pdf import render  # noqa: E402,F401
