"""The section editor's position buttons, written in one go: a long response has 42
editors of four buttons each, and through the template language each button took a
dozen look-ups (half of the variables the statement's page resolved)."""

from collections.abc import Iterable

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_BUTTON = (
    '<div class="form-check form-check-inline">'
    '<input class="form-check-input" type="radio" name="stance" id="stance-{0}-{1}" '
    'value="{1}"{2}><label class="form-check-label" for="stance-{0}-{1}">{3}</label></div>'
)
_CHECKED = mark_safe(" checked")


@register.simple_tag
def stance_buttons(section_key: str, chosen: str, stances: Iterable[tuple[str, str]]):
    """One radio button for each (value, label) of `stances`, `chosen` checked."""
    buttons: SafeString = format_html_join(
        "\n",
        _BUTTON,
        (
            (section_key, value, _CHECKED if value == chosen else "", label)
            for value, label in stances
        ),
    )
    return buttons
