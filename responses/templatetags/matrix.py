"""The positions matrix's cells and its chart's bars, written in one go: a matrix has
hundreds of cells and its chart 160 pieces of bar, and each one through the template
language took most of the page's time."""

from functools import cache

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from ..positions import STANCE_ICONS, Cell, ChartBar, Row, TallyChart

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


def _bar(bar: ChartBar) -> SafeString:
    item = bar.tally.item
    label = (
        f"{item.get_kind_display()} {item.number}"
        if item.number
        else (Truncator(item.title).chars(16))
    )
    pieces = [format_html('<text class="chart-label" x="0" y="{}">{}</text>', bar.text_y, label)]
    for segment in bar.segments:
        pieces.append(
            format_html(
                '<rect class="chart-{}" x="{}" y="{}" width="{}" height="26">'
                "<title>{}: {}, {}</title></rect>",
                segment.key,
                segment.x,
                bar.y,
                segment.width,
                item.heading,
                segment.label,
                segment.count,
            )  # fmt: skip
        )
        if segment.shows_figure:
            pieces.append(
                format_html(
                    '<text class="chart-figure chart-figure-{}" x="{}" y="{}" '
                    'text-anchor="middle">{} {}</text>',
                    segment.key,
                    segment.text_x,
                    bar.text_y,
                    segment.icon,
                    segment.count,
                )  # fmt: skip
            )
    return format_html("<g>{}</g>", mark_safe("".join(pieces)))  # noqa: S308 - each made safe


@register.simple_tag
def chart_bars(chart: TallyChart) -> SafeString:
    """The chart's bars: for each item its label and a piece of bar for each stance,
    with its figure inside when it is wide enough to hold it."""
    return mark_safe("\n".join(_bar(bar) for bar in chart.bars))  # noqa: S308 - as above
