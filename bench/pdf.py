"""How fast the PDF renders, against WeasyPrint alone on the same HTML, and how it grows.

Run from the project folder: `.venv/bin/python bench/pdf.py` (add `--runs N` for more
runs). It builds its own data in a temporary SQLite file: the demo's statement drafted
at the seed statement's length, and statements of about 10 and 100 pages. For each it
prints the median time of the whole render in this process (database reads, template,
WeasyPrint), the median time of WeasyPrint alone on the same HTML (the floor), their
ratio, the peak memory of a fresh process that renders it once, and the wall-clock
time of `render_response_pdf` as the app calls it, which makes the PDF in a renderer
process of its own (responses/pdf/aside.py): the difference is that process's cost.
"""

import argparse
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nnpcf.settings")

# About the length of one of the seed statement's recommendations (about 2,000
# characters in four paragraphs).
PARAGRAPH = (
    "The NNPCF agrees with the principle of an inclusive local mainstream school system, "
    "where pupils have access to a broad and balanced curriculum and the needs of pupils "
    "with SEND are consistently met. We are however concerned that there is a lack of "
    "flexibility regarding pathways and assessment that could marginalise learners with "
    "SEND, and accountability would need to be re-aligned to enable inclusive practice."
)
SECTION_TEXT = "\n\n".join([PARAGRAPH] * 4)

# name: number of report items (None: the demo report, as the seed statement)
SIZES = {"seed-sized": None, "10 pages": 7, "100 pages": 120}


def build(size: str):
    """The statement of that size, drafted in every section."""
    from django.contrib.auth import get_user_model

    from responses.demo import load_demo
    from responses.drafting import save_section, start_response
    from responses.models import Forum, ForumKind, Item, ItemKind, Part, Report, Stance

    load_demo()
    items = SIZES[size]
    if items is None:
        report = Report.objects.get(slug="lga-ccn-isos-send-report")
    else:
        report, created = Report.objects.get_or_create(
            slug=f"bench-{items}",
            defaults={"title": f"A report with {items} recommendations", "publisher": "LGA",
                      "response_deadline": "2030-01-01"},
        )  # fmt: skip
        if created:
            part = Part.objects.create(report=report, order=1, label="Part 2",
                                       title="Recommendations")  # fmt: skip
            Item.objects.bulk_create(
                Item(report=report, part=part, order=n, kind=ItemKind.RECOMMENDATION,
                     number=str(n), title=f"Recommendation title {n}")
                for n in range(1, items + 1)
            )  # fmt: skip
    national = Forum.objects.get(kind=ForumKind.NATIONAL)
    author = get_user_model().objects.get(username="steering.aisha")
    statement = start_response(report=report, forum=national, actor=author)
    for section in statement.sections.filter(latest_revision__isnull=True):
        save_section(section=section, text=SECTION_TEXT, stance=Stance.AGREE_WITH_CONCERNS,
                     base_revision_id=None, actor=author)  # fmt: skip
    return statement


def setup_django(database: str) -> None:
    os.environ["SQLITE_PATH"] = database
    os.environ.setdefault("DEBUG", "true")
    import django

    django.setup()


def timed(functions, runs: int) -> list[tuple[float, float]]:
    """(median processor time, median wall time) of each function, taking turns so that
    a busy moment of a shared machine weighs on all of them alike. Processor time is
    the figure to compare: other programs on the machine barely move it."""
    times = [([], []) for _ in functions]
    for _ in range(runs):
        for function, (processor, wall) in zip(functions, times, strict=True):
            started = (time.process_time(), time.perf_counter())
            function()
            processor.append(time.process_time() - started[0])
            wall.append(time.perf_counter() - started[1])
    return [(statistics.median(cpu), statistics.median(wall)) for cpu, wall in times]


def in_this_process(statement) -> bytes:
    """What the renderer process does for `render_response_pdf`, done here, so that its
    processor time and memory are this process's."""
    from responses.pdf.render import render_response_html, write_pdf

    return write_pdf(render_response_html(statement))


def measure_memory(database: str, size: str) -> None:
    """In a fresh process: render once and print the peak resident memory in MB."""
    setup_django(database)
    statement = build(size)
    in_this_process(statement)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--memory", help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.memory:
        measure_memory(arguments.database, arguments.memory)
        return

    folder = tempfile.mkdtemp(prefix="nnpcf-bench-")
    database = os.path.join(folder, "bench.sqlite3")
    setup_django(database)
    from django.core.management import call_command
    from pypdf import PdfReader

    from responses.pdf.render import render_response_html, render_response_pdf, write_pdf

    call_command("migrate", verbosity=0)
    figures = {}
    print("Medians of processor time in seconds (wall-clock time in brackets).")
    print(f"{'statement':<12} {'pages':>5} {'render':>14} {'WeasyPrint alone':>17} "
          f"{'ratio':>6} {'peak MB':>8} {'as the app, wall':>17}")  # fmt: skip
    for size in SIZES:
        statement = build(size)
        html = render_response_html(statement)
        pdf = render_response_pdf(statement).content  # warm-up: the renderer's server
        assert in_this_process(statement) == pdf  # and fonts, templates here
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        full, floor, app = timed(
            [
                partial(in_this_process, statement),
                partial(write_pdf, html),
                partial(render_response_pdf, statement),
            ],
            arguments.runs,
        )
        peak = float(subprocess.run(
            [sys.executable, __file__, "--memory", size, "--database", database],
            check=True, capture_output=True, text=True,
        ).stdout.split()[-1])  # fmt: skip
        figures[size] = full[0]
        print(f"{size:<12} {pages:>5} {full[0]:>6.2f} ({full[1]:>5.2f}) "
              f"{floor[0]:>8.2f} ({floor[1]:>5.2f}) {full[0] / floor[0]:>6.3f} "
              f"{peak:>8.0f} {app[1]:>17.2f}")  # fmt: skip
    growth = figures["100 pages"] / figures["10 pages"]
    print(f"100 pages take {growth:.1f} times as long as 10 pages (target: at most 11).")
    print("Targets: ratio at most 1.15; peak memory under 400 MB at 100 pages.")


if __name__ == "__main__":
    main()
