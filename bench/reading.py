"""How long reading an uploaded Word file takes, and what the bounds do with a bomb.

Run from the project folder: `.venv/bin/python bench/reading.py`. It builds memoranda
of 1,000 to 20,000 paragraphs (a heading every ten, a bullet every ten) and prints the
median wall-clock time of `read_document` in this process and of `read_aside` (the
same in the reader's child process, as an upload is read), with the time per
paragraph, which stays flat when reading is linear. Then it uploads Word files that
unpack to 20, 50 and 150 MB of XML from a few hundred kilobytes, and prints what the
bounded reader answered and how long it took.
"""

import os
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from pdf import setup_django  # noqa: E402

SIZES = [1_000, 5_000, 20_000]
BOMBS = [20, 50, 150]
RUNS = 3


def memorandum(paragraphs: int) -> bytes:
    from tests.documents import as_docx

    outline = [("title", "A long memorandum")]
    for n in range(1, paragraphs + 1):
        style = "h2" if n % 10 == 1 else ("bullet" if n % 10 == 5 else "p")
        outline.append((style, f"{n}. Point {n} of the memorandum, as the forum wrote it."))
    return as_docx(outline)


def wall(function) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    setup_django(os.path.join(tempfile.mkdtemp(prefix="nnpcf-bench-"), "bench.sqlite3"))
    from django.conf import settings

    from responses.aside import start_server
    from responses.importing.reading import UnreadableDocument, read_aside, read_document
    from tests.documents import word_bomb

    start_server()
    print(f"Median wall-clock seconds of {RUNS} runs.")
    print(f"{'paragraphs':>10} {'file KB':>8} {'here':>7} {'aside':>7} {'µs/paragraph':>13}")
    for size in SIZES:
        data = memorandum(size)
        here = wall(lambda data=data: read_document(data, "memorandum.docx"))
        aside = wall(lambda data=data: read_aside(data, "memorandum.docx"))
        print(
            f"{size:>10,} {len(data) // 1024:>8} {here:>7.2f} {aside:>7.2f} "
            f"{here / size * 1e6:>13.0f}"
        )
    print(
        f"\nBombs, read as an upload is (limits: {settings.IMPORT_READ_SECONDS} s, "
        f"{settings.IMPORT_READ_MEMORY // 2**20} MB)"
    )
    for megabytes in BOMBS:
        data = word_bomb(megabytes)
        started = time.perf_counter()
        try:
            answer = f"read, {len(read_aside(data, 'bomb.docx')):,} paragraphs"
        except UnreadableDocument as refusal:
            answer = f"refused: {str(refusal)[:60]}…"
        took = time.perf_counter() - started
        print(f"{megabytes:>4} MB of XML in {len(data) // 1024:>4} KB: {took:5.2f} s, {answer}")


if __name__ == "__main__":
    main()
