"""How long the Word file of a statement takes to make, beside its PDF.

Run from the project folder: `.venv/bin/python bench/word.py` (add `--runs N` for more
runs). It builds the same statements as bench/pdf.py, in a temporary SQLite file: the
demo's statement drafted at the seed statement's length, and one of about 100 pages.
For each it prints the median time of `render_response_docx` and of
`render_response_pdf` (both from the database reads on), and the size of each file.
"""

import argparse
import os
import tempfile
from functools import partial

from pdf import build, setup_django, timed

SIZES = ["seed-sized", "100 pages"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median)")
    arguments = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="nnpcf-bench-")
    setup_django(os.path.join(folder, "bench.sqlite3"))
    from django.core.management import call_command

    from responses.pdf import render_response_pdf
    from responses.word import render_response_docx

    call_command("migrate", verbosity=0)
    print("Medians of processor time in seconds (wall-clock time in brackets).")
    print(f"{'statement':<12} {'Word':>14} {'PDF':>14} {'Word KB':>8} {'PDF KB':>8}")
    for size in SIZES:
        statement = build(size)
        word = render_response_docx(statement)  # warm-up: templates, fonts
        pdf = render_response_pdf(statement).content
        docx_time, pdf_time = timed(
            [partial(render_response_docx, statement), partial(render_response_pdf, statement)],
            arguments.runs,
        )
        print(f"{size:<12} {docx_time[0]:>6.3f} ({docx_time[1]:>5.3f}) "
              f"{pdf_time[0]:>6.2f} ({pdf_time[1]:>5.2f}) "
              f"{len(word) / 1024:>8.0f} {len(pdf) / 1024:>8.0f}")  # fmt: skip


if __name__ == "__main__":
    main()
