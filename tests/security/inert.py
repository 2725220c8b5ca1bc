"""Finding markup that user text could have injected into a rendered page.

A page is rendered twice, once with harmless text and once with a payload in every
place user text goes; the payload must add no script, no event handler, no dangerous
element and no script-carrying URL.
"""

from collections import Counter
from html.parser import HTMLParser

DANGEROUS_TAGS = {
    "script", "iframe", "object", "embed", "svg", "math", "style", "base", "meta", "link",
    "form", "input", "button", "select", "textarea", "video", "audio", "source", "img",
    "marquee", "details", "animate", "frame", "frameset", "applet",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")


class _Features(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: Counter = Counter()
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        if tag in DANGEROUS_TAGS:
            self.found[f"<{tag}>"] += 1
        for name, value in attrs:
            if name.startswith("on"):
                self.found[f"{name}= handler"] += 1
            if name in URL_ATTRIBUTES and value:
                folded = "".join(value.split()).lower()
                if folded.startswith(BAD_SCHEMES):
                    self.found[f"{name}={folded[:20]}"] += 1
            if name == "style" and "url(" in (value or "").lower():
                self.found["style url()"] += 1
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.found["inline script"] += 1


def features(html: str) -> Counter:
    parser = _Features()
    parser.feed(html)
    return parser.found


def injected(html: str, baseline: str) -> Counter:
    """What `html` has beyond `baseline`: empty when the payload stayed inert."""
    return features(html) - features(baseline)
