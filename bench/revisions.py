"""Benchmark: the three-way merge of a save, and the history's word diff, by section size.

Each case is a section of paragraphs, the editor's save changing one of them and the
other saves since its base changing four others; the last case is one paragraph of
many sentences, as pasted text can be. Prints the median of repeated runs.

    .venv/bin/python bench/revisions.py
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from responses.revisions import merge_texts, tokens, word_diff  # noqa: E402

POINT = (
    "Point {n}: families told us that support must follow the child's needs, not a "
    "label, and be reviewed with them (save {save})."
)


def section(paragraphs: int, joiner: str) -> tuple[str, str, str]:
    base = [POINT.format(n=n, save=1) for n in range(paragraphs)]
    ours = list(base)
    ours[paragraphs // 2] = POINT.format(n=paragraphs // 2, save=2)
    theirs = list(base)
    for n in range(1, paragraphs, max(2, paragraphs // 4))[:4]:
        if n != paragraphs // 2:
            theirs[n] = POINT.format(n=n, save=3)
    return tuple(joiner.join(text) for text in (base, ours, theirs))


def median_ms(work, *args, runs: int = 9) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work(*args)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    cases = [
        ("8 paragraphs", section(8, "\n\n")),
        ("60 paragraphs", section(60, "\n\n")),
        ("300 paragraphs", section(300, "\n\n")),
        ("1 paragraph of 300 sentences", section(300, " ")),
    ]
    print(f"{'Section':<30} {'words':>7} {'tokens':>7} {'merge, ms':>10} {'diff, ms':>9}")
    for name, (base, ours, theirs) in cases:
        assert merge_texts(base, ours, theirs) is not None, name
        merge = median_ms(merge_texts, base, ours, theirs)
        diff = median_ms(word_diff, base, theirs)
        words = len(base.split())
        print(f"{name:<30} {words:>7} {len(tokens(base)):>7} {merge:>10.1f} {diff:>9.1f}")


if __name__ == "__main__":
    main()
