"""User text: Markdown in, safe HTML out. The one sanitiser for the web page and PDF; the
Word file reads the same parser's tokens, so all three show the same structure."""

import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.token import Token

# Raw HTML in user text is shown as text, never as markup; nh3 then removes anything
# the Markdown itself could smuggle in (javascript: links, odd attributes).
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "a", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

_WORD = re.compile(r"\S+")


def render_markdown(text: str) -> SafeString:
    html = _markdown.render(text or "")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )
    return mark_safe(clean)  # noqa: S308 - nh3 has just sanitised it


def markdown_tokens(text: str) -> list[Token]:
    """The block tokens of user text, parsed exactly as `render_markdown` parses it."""
    return _markdown.parse(text or "")


def word_count(text: str) -> int:
    return len(_WORD.findall(text or ""))
