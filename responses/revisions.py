"""Revisions as text: the three-way merge of concurrent edits and word-level diffs.

Both work on words, not lines: a section is a few long Markdown paragraphs, so two
people editing different sentences of one paragraph must not clash.
"""

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from merge3 import Merge3

# Words and the whitespace between them, each a token of its own, so that an edit
# touches only the words it changes. Joining the tokens gives back the text exactly.
_TOKEN = re.compile(r"\s+|\S+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")


def _ends_line(tokens_: Sequence[str], index: int) -> bool:
    return "\n" in tokens_[index]


def _ends_sentence(tokens_: Sequence[str], index: int) -> bool:
    return index > 0 and tokens_[index].isspace() and bool(_SENTENCE_END.search(tokens_[index - 1]))


# How the matcher cuts a text before it compares words: into lines, then sentences.
_CUTS = (_ends_line, _ends_sentence)


def _pieces(
    tokens_: Sequence[str],
    *,
    start: int,
    end: int,
    ends_piece: Callable[[Sequence[str], int], bool],
) -> list[tuple[int, int]]:
    """Where each piece of tokens_[start:end] starts and ends, the whitespace that ends
    it included."""
    pieces = []
    for index in range(start, end):
        if ends_piece(tokens_, index):
            pieces.append((start, index + 1))
            start = index + 1
    if start < end:
        pieces.append((start, end))
    return pieces


class _WordMatcher(difflib.SequenceMatcher[str]):
    """Matches words a piece at a time: the lines first, then the sentences of the
    lines that changed, then the words of the sentences that changed. A long section
    costs what its changes cost.

    difflib alone compares every word with every other one that is the same, and half
    the tokens are spaces: 11 ms for an eight-paragraph section, 26 s for a 300-paragraph
    one. Its "popular element" heuristic stays off, since it would treat common words
    like "the" as noise and misalign the merge."""

    # What difflib sets and reads, which its stubs leave out.
    a: Sequence[str]
    b: Sequence[str]
    matching_blocks: list[difflib.Match] | None

    def __init__(
        self,
        isjunk: Callable[[str], bool] | None = None,
        a: Sequence[str] = "",
        b: Sequence[str] = "",
    ) -> None:
        super().__init__(isjunk, a, b, autojunk=False)

    def get_matching_blocks(self) -> list[difflib.Match]:
        if self.matching_blocks is None:
            blocks: list[tuple[int, int, int]] = []
            self._match(
                a_start=0, a_end=len(self.a), b_start=0, b_end=len(self.b), level=0, blocks=blocks
            )
            self.matching_blocks = _joined(blocks) + [difflib.Match(len(self.a), len(self.b), 0)]
        return self.matching_blocks

    def _match(
        self,
        *,
        a_start: int,
        a_end: int,
        b_start: int,
        b_end: int,
        level: int,
        blocks: list[tuple[int, int, int]],
    ) -> None:
        if level == len(_CUTS):
            words = difflib.SequenceMatcher(
                None, self.a[a_start:a_end], self.b[b_start:b_end], autojunk=False
            )
            blocks.extend(
                (a_start + i, b_start + j, size) for i, j, size in words.get_matching_blocks()
            )
            return
        a_pieces = _pieces(self.a, start=a_start, end=a_end, ends_piece=_CUTS[level])
        b_pieces = _pieces(self.b, start=b_start, end=b_end, ends_piece=_CUTS[level])
        by_piece = difflib.SequenceMatcher(
            None,
            [tuple(self.a[start:end]) for start, end in a_pieces],
            [tuple(self.b[start:end]) for start, end in b_pieces],
            autojunk=False,
        )
        for op, i1, i2, j1, j2 in by_piece.get_opcodes():
            if op == "equal":
                start, end = a_pieces[i1][0], a_pieces[i2 - 1][1]
                blocks.append((start, b_pieces[j1][0], end - start))
            elif op == "replace":
                self._match(
                    a_start=a_pieces[i1][0],
                    a_end=a_pieces[i2 - 1][1],
                    b_start=b_pieces[j1][0],
                    b_end=b_pieces[j2 - 1][1],
                    level=level + 1,
                    blocks=blocks,
                )


def _joined(blocks: list[tuple[int, int, int]]) -> list[difflib.Match]:
    """Matching blocks in order, the ones that touch made one, as difflib gives them."""
    joined: list[difflib.Match] = []
    for i, j, size in blocks:
        if not size:
            continue
        last = joined[-1] if joined else None
        if last and last.a + last.size == i and last.b + last.size == j:
            joined[-1] = difflib.Match(last.a, last.b, last.size + size)
        else:
            joined.append(difflib.Match(i, j, size))
    return joined


def merge_texts(base: str, ours: str, theirs: str) -> str | None:
    """Both edits applied to `base`, or None when they touch the same words."""
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    merged: list[str] = []
    # merge3's protocol asks for plain tuples where difflib gives its Match tuples.
    groups = Merge3(
        tokens(base),
        tokens(ours),
        tokens(theirs),
        sequence_matcher=_WordMatcher,  # type: ignore[arg-type]
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
