"""Revisions as text: the three-way merge of concurrent edits and word-level diffs.

Both work on words, not lines: a section is a few long Markdown paragraphs, so two
people editing different sentences of one paragraph must not clash.
"""

import difflib
import re
from dataclasses import dataclass

from merge3 import Merge3
from patiencediff import PatienceSequenceMatcher

# Words and the whitespace between them, each a token of its own, so that an edit
# touches only the words it changes. Joining the tokens gives back the text exactly.
_TOKEN = re.compile(r"\s+|\S+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


class _WordMatcher(difflib.SequenceMatcher):
    """difflib's matcher without its "popular element" heuristic, which would treat
    common words like "the" as noise in long sections and misalign the merge."""

    def __init__(self, isjunk=None, a="", b=""):
        super().__init__(isjunk, a, b, autojunk=False)


def merge_texts(base: str, ours: str, theirs: str) -> str | None:
    """Both edits applied to `base`, or None when they touch the same words."""
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    merged: list[str] = []
    # Patience matching anchors on words that occur once on both sides, so it aligns
    # a long section in a fraction of a millisecond where difflib takes several.
    groups = Merge3(
        tokens(base), tokens(ours), tokens(theirs), sequence_matcher=PatienceSequenceMatcher
    )
    for group in groups.merge_groups():
        if group[0] == "conflict":
            return None
        merged.extend(group[1])
    return "".join(merged)


def merge_stances(base: str, ours: str, theirs: str) -> str | None:
    """The stance both edits agree on, or None when both changed it differently."""
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    return None


@dataclass(frozen=True)
class DiffPart:
    """A run of words that both versions share ("same"), or that one of them lacks."""

    kind: str  # "same" | "inserted" | "deleted"
    text: str


def word_diff(old: str, new: str) -> list[DiffPart]:
    """What changed from `old` to `new`, word by word.

    A space alone between two changes is counted as changed too, so a rewritten
    sentence reads as one deletion and one insertion, not word after word."""
    old_tokens, new_tokens = tokens(old), tokens(new)
    parts: list[DiffPart] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted:
            parts.append(DiffPart("deleted", "".join(deleted)))
        if inserted:
            parts.append(DiffPart("inserted", "".join(inserted)))
        deleted.clear()
        inserted.clear()

    opcodes = _WordMatcher(None, old_tokens, new_tokens).get_opcodes()
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        same = "".join(old_tokens[i1:i2])
        between_changes = 0 < index < len(opcodes) - 1
        if op == "equal" and not (between_changes and same.isspace()):
            flush()
            parts.append(DiffPart("same", same))
        else:
            deleted.extend(old_tokens[i1:i2])
            inserted.extend(new_tokens[j1:j2])
    flush()
    return parts
