"""User text rendered once and kept: pages that show many sections read their HTML in
one query instead of rendering every text on every request.

A view names the texts its page will show with `prefetched(texts)` around its
render; the `markdown` template filter then takes each one's HTML from what was read.
A text the view did not name is still rendered, only not from the store.

Rows are keyed by a digest of the text and of the rendering (the module that renders,
and the versions of the Markdown parser and the sanitiser), so no page can show HTML
that its text, as saved now, would not give.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from importlib.metadata import version
from pathlib import Path

from django.utils.safestring import SafeString, mark_safe

from . import text as text_module
from .models import RenderedText
from .text import render_markdown


def _rendering_digest() -> bytes:
    rendering = hashlib.sha256(Path(text_module.__file__).read_bytes())
    for package in ("markdown-it-py", "nh3"):
        rendering.update(f"{package}=={version(package)}".encode())
    return rendering.digest()


_RENDERING = _rendering_digest()

_prefetched: ContextVar[dict[str, SafeString] | None] = ContextVar("prefetched", default=None)


def key_of(text: str) -> str:
    return hashlib.sha256(_RENDERING + text.encode()).hexdigest()


def rendered(texts: Iterable[str]) -> dict[str, SafeString]:
    """Each text's HTML: read in one query, and the texts not rendered before rendered
    now and kept (one more)."""
    by_key = {key_of(text): text for text in set(texts) if text.strip()}
    if not by_key:
        return {}
    found = dict(RenderedText.objects.filter(key__in=by_key).values_list("key", "html"))
    new = [
        RenderedText(key=key, html=render_markdown(text))
        for key, text in by_key.items()
        if key not in found
    ]
    # Two requests may render the same new text at once: either row will do.
    RenderedText.objects.bulk_create(new, ignore_conflicts=True)
    found.update((row.key, row.html) for row in new)
    # The stored HTML was made safe by render_markdown before it was stored.
    return {text: mark_safe(found[key]) for key, text in by_key.items()}  # noqa: S308


@contextmanager
def prefetched(texts: Iterable[str]) -> Iterator[None]:
    """While inside, `markdown_html` answers the given texts from the store."""
    token = _prefetched.set(rendered(texts))
    try:
        yield
    finally:
        _prefetched.reset(token)


def markdown_html(text: str) -> SafeString:
    """The HTML of `text`: prefetched when the view named it, rendered otherwise."""
    known = _prefetched.get()
    if known is not None and text in known:
        return known[text]
    return render_markdown(text)
