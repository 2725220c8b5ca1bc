from django import template

from ..text import render_markdown

register = template.Library()


@register.filter
def markdown(text: str):
    """User Markdown as sanitised HTML."""
    return render_markdown(text)
