from django import template

from ..rendering import markdown_html

register = template.Library()


@register.filter
def markdown(text: str):
    """User Markdown as sanitised HTML (prefetched by the view when it named the text:
    see responses.rendering)."""
    return markdown_html(text or "")
