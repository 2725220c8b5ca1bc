"""Rules every template keeps, checked on the template files themselves."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def test_every_table_that_scrolls_sideways_can_be_scrolled_by_keyboard():
    """On a phone a wide table scrolls inside its own container: keyboard users reach
    it only if the container takes focus, and screen readers say what it holds."""
    containers = [
        (path.relative_to(TEMPLATES), tag)
        for path in TEMPLATES.rglob("*.html")
        for tag in re.findall(r"<div[^>]*\btable-responsive\b[^>]*>", path.read_text())
    ]
    assert len(containers) >= 5
    for path, tag in containers:
        assert 'tabindex="0"' in tag and 'role="region"' in tag, (path, tag)
        assert "aria-label=" in tag or "aria-labelledby=" in tag, (path, tag)
