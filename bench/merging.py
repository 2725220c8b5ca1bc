"""Benchmark: merging regional positions into the national statement, at scale.

Builds 150 forums x 40 items of realistic regional paragraphs in a throwaway
database, with 20 local forums under the first region, then prints the time to
assemble one item's starting draft and all 40 items' drafts, a region assembling
(and saving) one item from its 20 local forums, the national assemble (and save) with
the local forums present, and the positions matrix pages' query counts and times.

    .venv/bin/python bench/merging.py
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nnpcf.settings")
os.environ.pop("DATABASE_URL", None)  # always a throwaway SQLite database

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.signals import request_started  # noqa: E402
from django.db import close_old_connections, connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

FORUMS, ITEMS, LOCALS = 150, 40, 20

# Each item has its own topic; each forum makes one to three points on it, taken from
# a stock of points that forums share (as they do, passing wording between them),
# each reworded in the forum's own way and sometimes with a sentence of its own.
TOPICS = [
    "the national framework", "inclusive mainstream schools", "the statutory framework",
    "preparation for adulthood", "local inclusion partnerships", "independent specialist places",
    "the SEND workforce", "early years support", "health and care plans", "school transport",
    "tribunal rights", "alternative provision", "the high needs budget", "co-production",
]  # fmt: skip
POINTS = [
    "Parent carers must help design {t} from the start, not be consulted at the end.",
    "We worry that {t} will ration support to a category rather than meet the needs of the child.",
    "Rural families already travel long distances, and changes to {t} could make this worse.",
    "Any change to {t} must not reduce the statutory entitlements of children and young people.",
    "It is unclear who would be accountable for {t}, and how families could challenge decisions.",
    "Schools need trained staff, quiet spaces and time before {t} can work for every pupil.",
    "We support the ambition for {t}, provided it is funded properly and reviewed each year.",
    "Young people told us that {t} should prepare them for work, housing and friendships.",
    "Waiting times for assessments mean that {t} cannot work until health services are resourced.",
    "Data on outcomes for children with SEND should be published so that {t} can be judged.",
]  # fmt: skip
REWORDINGS = [
    ("We worry", "We are worried"), ("must", "should"), ("already", "often"),
    ("from the start", "from the very beginning"), ("Rural families", "Many rural families"),
    ("We support", "We welcome"), ("told us", "have told us"), ("could", "would"),
]  # fmt: skip
OWN_WORDS = [
    "Our forum members raised this at every meeting we held this term.",
    "Several families shared examples of this with us.",
    "This matters most for children whose needs change over time.",
]


def paragraph(rng: random.Random, topic: str) -> str:
    text = rng.choice(POINTS).format(t=topic)
    for old, new in rng.sample(REWORDINGS, 2):
        text = text.replace(old, new, 1)
    if rng.random() < 0.3:
        text += " " + rng.choice(OWN_WORDS)
    return text


def build():
    from responses.demo import _user
    from responses.drafting import start_response
    from responses.models import (
        Forum,
        ForumKind,
        Item,
        ItemKind,
        Membership,
        Report,
        Revision,
        Role,
        Section,
        Stance,
    )

    rng = random.Random(4)
    national = Forum.objects.create(name="National", slug="national", kind=ForumKind.NATIONAL)
    forums = Forum.objects.bulk_create(
        Forum(name=f"Forum {n:03}", slug=f"forum-{n}", kind=ForumKind.REGION, parent=national)
        for n in range(FORUMS)
    )
    report = Report.objects.create(
        title="Benchmark report", slug="bench", response_deadline="2030-01-01"
    )
    Item.objects.bulk_create(
        Item(
            report=report,
            order=n,
            kind=ItemKind.RECOMMENDATION,
            number=str(n),
            title=TOPICS[n % len(TOPICS)].capitalize(),
        )
        for n in range(1, ITEMS + 1)
    )
    author = _user("bench.author", "Bench Author")
    steering = _user("bench.steering", "Bench Steering")
    Membership.objects.create(user=steering, forum=national, role=Role.STEERING)
    locals_ = Forum.objects.bulk_create(
        Forum(name=f"Local {n:02}", slug=f"local-{n}", kind=ForumKind.LOCAL, parent=forums[0])
        for n in range(LOCALS)
    )
    for forum in [*forums, *locals_]:
        start_response(report=report, forum=forum, actor=author)
    stances = [Stance.AGREE] * 5 + [Stance.AGREE_WITH_CONCERNS] * 3 + [Stance.DISAGREE]
    sections = list(
        Section.objects.filter(response__report=report, item__isnull=False).select_related("item")
    )
    revisions = []
    for section in sections:
        if rng.random() < 0.1:
            continue  # not written yet
        topic = TOPICS[section.item.order % len(TOPICS)]
        points = [paragraph(rng, topic) for _ in range(rng.randint(1, 3))]
        revisions.append(
            Revision(
                section=section,
                text="\n\n".join(points),
                stance=rng.choice(stances),
                author=author,
            )
        )
    Revision.objects.bulk_create(revisions, batch_size=500)
    for revision in revisions:
        revision.section.latest_revision = revision
    Section.objects.bulk_update(
        [revision.section for revision in revisions], ["latest_revision"], batch_size=500
    )
    Membership.objects.create(user=author, forum=forums[0], role=Role.LEAD)
    return report, steering, author, len(revisions)


def timed(runs: int, function) -> tuple[float, float]:
    """(best, median) seconds over `runs` runs."""
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return min(timings), statistics.median(timings)


def main() -> None:
    from responses.merging import assemble
    from responses.models import Forum, ForumKind
    from responses.positions import positions_matrix
    from responses.workspace import assemble_starting_draft

    setup_test_environment()
    # As in Django's own test runner: keep the connection and its query log across
    # requests, so that the page's queries can be counted.
    request_started.disconnect(reset_queries)
    request_started.disconnect(close_old_connections)
    settings.ALLOWED_HOSTS = ["testserver"]
    database = connection.creation.create_test_db(verbosity=0)
    try:
        start = time.perf_counter()
        report, steering, region_lead, written = build()
        print(
            f"Built {FORUMS} forums and {LOCALS} local forums x {ITEMS} items ({written} "
            "sections with text) "
            f"in {time.perf_counter() - start:.1f} s"
        )

        matrix = positions_matrix(report)
        columns = [[row.cells[i] for row in matrix.rows] for i in range(len(matrix.items))]
        pairs = list(zip(matrix.tallies, columns, strict=True))
        paragraphs = sum(len(assemble(tally, cells).paragraphs) for tally, cells in pairs)
        points = sum(
            len(cell.text.split("\n\n")) for cells in columns for cell in cells if cell.text
        )

        def read_and_assemble_all():
            fresh = positions_matrix(report)
            for i, tally in enumerate(fresh.tallies):
                assemble(tally, [row.cells[i] for row in fresh.rows])

        one, one_median = timed(5, lambda: assemble(*pairs[0]))
        every, every_median = timed(3, lambda: [assemble(*pair) for pair in pairs])
        with_read, _ = timed(3, read_and_assemble_all)
        print(f"Assemble one item's draft: {one * 1000:.1f} ms (median {one_median * 1000:.1f} ms)")
        print(
            f"Assemble all {ITEMS} items' drafts: {every * 1000:.0f} ms "
            f"(median {every_median * 1000:.0f} ms; {points} regional points "
            f"merged into {paragraphs} paragraphs)"
        )
        print(f"Read the matrix and assemble all {ITEMS} items: {with_read * 1000:.0f} ms")

        region = Forum.objects.get(slug="forum-0")
        national = Forum.objects.get(kind=ForumKind.NATIONAL)
        item = report.items.order_by("order").first()

        def assemble_and_save(forum, actor):
            return lambda: assemble_starting_draft(
                report=report, forum=forum, item=item, base_revision_id=None, actor=actor
            )

        regional, regional_median = timed(5, assemble_and_save(region, region_lead))
        print(
            f"A region assembles and saves one item from its {LOCALS} local forums: "
            f"{regional * 1000:.1f} ms (median {regional_median * 1000:.1f} ms)"
        )
        whole, whole_median = timed(5, assemble_and_save(national, steering))
        print(
            f"The national statement assembles and saves one item from {FORUMS} regions, "
            f"local forums present: {whole * 1000:.1f} ms (median {whole_median * 1000:.1f} ms)"
        )

        base = f"/reports/{report.slug}/forums"
        pages = [
            ("National positions matrix", steering, f"{base}/national/positions/"),
            ("National matrix, region open", steering, f"{base}/national/positions/?open=forum-0"),
            ("Region's positions matrix", region_lead, f"{base}/forum-0/positions/"),
            ("National workspace, one item", steering, f"{base}/national/items/{item.pk}/"),
            ("Region's workspace, one item", region_lead, f"{base}/forum-0/items/{item.pk}/"),
        ]  # fmt: skip
        for label, user, url in pages:
            client = Client()
            client.force_login(user)
            client.get(url)
            reset_queries()  # the query log holds at most 9,000 queries
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            page, page_median = timed(3, lambda url=url, client=client: client.get(url))
            print(
                f"{label}: {len(queries)} queries, {page * 1000:.0f} ms "
                f"(median {page_median * 1000:.0f} ms, {len(response.content) // 1024} KiB)"
            )
    finally:
        connection.creation.destroy_test_db(database, verbosity=0)


if __name__ == "__main__":
    main()
