"""The positions matrix's cells, written in one go: a national matrix has hundreds of
them, and each one through the template language took most of the page's time."""

from functools import cache

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from ..positions import STANCE_ICONS, Cell, Row

register = template.Library()


@cache
def _stance(key: str, label: str) -> SafeString:
    """The icon and the words of a stance, the same in every cell that holds it."""
    return format_html(
        '<span aria-hidden="true" class="stance-icon">{}</span> {}', STANCE_ICONS[key], label
    )


def _cell(cell: Cell, url: str) -> str:
    stance = _stance(cell.stance_key, cell.stance_label)
    # The key is one of the stances' own values or "no_response", the section's key a
    # number and the address escaped once for the row: nothing here comes from a user.
    if cell.section is None:
        return f'<td class="stance stance-{cell.stance_key}">{stance}</td>'
    return (
        f'<td class="stance stance-{cell.stance_key}">'
        f'<a href="{url}#section-{cell.section.pk}">{stance}</a></td>'
    )


@register.simple_tag
def stance_cells(row: Row, response_url: str) -> SafeString:
    """A forum's row of cells: each its stance with icon and words, a link to the
    forum's text for the item when it has a section."""
    url = conditional_escape(response_url)
    return mark_safe("".join(_cell(cell, url) for cell in row.cells))  # noqa: S308
