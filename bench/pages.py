"""Pages at national scale: how long each page people use takes, next to a plain page.

Creates a throwaway PostgreSQL database on 127.0.0.1:5432 and builds the network at
its full size with the product's own functions where they are quick enough: the
national network, its 9 regions and 150 local forums with their leads and members,
a report of 40 items in 4 parts, every forum's response with 20 revisions of every
section, comments, and the national statement approved and published. Revisions and
comments are written in bulk, as thousands of saves one by one would take longer
than the run. Then it serves the data with two gunicorn processes (production
settings) and asks for each page in turn, alternating between the processes, one
request at a time, the sign-in page among them: the figures of one run share the
machine's load.

For each page it prints the median and 95th percentile latency, the median's ratio
to the sign-in page's, the size of the HTML and the number of database queries (the
same page asked for in this process, once to warm it and once counted). Before
measuring, the tables are analysed, as autovacuum would have done long before a real
network grew to this size.

    .venv/bin/python bench/pages.py [--requests 200]

It exits with 1 when a target is missed: a page's median over 3 times the sign-in
page's, or its HTML over 300 KB.
"""

import argparse
import datetime
import itertools
import random
import sys
import time
from dataclasses import dataclass, field

import requests
import servers
from servers import HOST, percentiles

REGION_COUNT, LOCAL_COUNT, PARTS, ITEMS_PER_PART = 9, 150, 4, 10
REVISIONS = 20
MEMBERS_PER_LOCAL = 2  # a lead and a member
COMMENTED_SECTIONS = 3  # per response, two comments each
RATIO_TARGET, HTML_TARGET = 3.0, 300 * 1024
TIMEOUT = (5, 60)

SENTENCES = [
    "Parent carers must help design this from the start, not be consulted at the end.",
    "We worry that support will be rationed to a category rather than meet the child's needs.",
    "Rural families already travel long distances, and this could make it worse.",
    "Any change must not reduce the statutory entitlements of children and young people.",
    "It is unclear who would be accountable, and how families could challenge decisions.",
    "Schools need trained staff, quiet spaces and time before this can work for every pupil.",
    "We support the ambition, provided it is funded properly and reviewed each year.",
    "Young people told us this should prepare them for work, housing and friendships.",
    "Waiting times for assessments mean this cannot work until health services are resourced.",
    "Data on outcomes for children with SEND should be published so progress can be judged.",
    "Families should not have to go to a tribunal to get the support their child needs.",
]


@dataclass
class NewPart:
    label: str
    title: str


@dataclass
class NewItem:
    kind: str
    number: str
    title: str
    text: str
    part: int


@dataclass
class Page:
    label: str
    path: str
    session: str | None  # None: signed out
    times: list[float] = field(default_factory=list)
    size: int = 0
    queries: int = 0


def text_of(rng: random.Random, forum: str, version: int) -> str:
    """A section's text at one of its revisions: it grows and changes as people draft."""
    paragraphs = [f"{forum} families told us about this in meeting {version}."]
    paragraphs += [
        " ".join(rng.sample(SENTENCES, 3)) for _paragraph in range(1 + min(version, 12) // 4)
    ]
    if version % 3 == 0:
        paragraphs.append("- Funding that follows the child\n- Plans written with families")
    return "\n\n".join(paragraphs)


def build() -> dict:
    """The network at full size; what the pages need to name (users, ids, slugs)."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone

    from responses.approval import approve_section
    from responses.drafting import start_response
    from responses.forums import REGIONS
    from responses.models import (
        Comment,
        Forum,
        ForumKind,
        Membership,
        Response,
        ResponseStatus,
        Revision,
        Role,
        Section,
        Stance,
    )
    from responses.publishing import publish_statement
    from responses.reports import create_report
    from responses.search import index_every_section
    from responses.text import word_count

    rng = random.Random(7)
    User = get_user_model()
    admin = User.objects.create_user("admin", password=None, is_staff=True, is_superuser=True)
    national = Forum.objects.create(
        name="National Network of Parent Carer Forums", slug="national", kind=ForumKind.NATIONAL
    )
    regions = [
        Forum.objects.create(
            name=name, slug=name.lower().replace(" ", "-"), kind=ForumKind.REGION, parent=national
        )
        for name in REGIONS[:REGION_COUNT]
    ]
    locals_ = [
        Forum.objects.create(
            name=f"Local forum {number:03d}",
            slug=f"local-{number:03d}",
            kind=ForumKind.LOCAL,
            parent=regions[number % REGION_COUNT],
        )
        for number in range(LOCAL_COUNT)
    ]
    people: dict[Forum, list] = {}
    memberships = []
    for forum in [national, *regions, *locals_]:
        count = 3 if forum.is_national else MEMBERS_PER_LOCAL
        people[forum] = [
            User.objects.create_user(
                f"{forum.slug}-{n}", password=None, first_name=forum.name, last_name=str(n)
            )
            for n in range(count)
        ]
        for n, user in enumerate(people[forum]):
            role = Role.STEERING if forum.is_national else (Role.LEAD if n == 0 else Role.MEMBER)
            memberships.append(Membership(user=user, forum=forum, role=role))
    Membership.objects.bulk_create(memberships)

    parts = [NewPart(label=f"Part {p + 1}", title=f"Theme {p + 1}") for p in range(PARTS)]
    items = [
        NewItem(
            kind="recommendation",
            number=str(p * ITEMS_PER_PART + i + 1),
            title=f"Recommendation {p * ITEMS_PER_PART + i + 1} on the SEND system",
            text=" ".join(rng.sample(SENTENCES, 4)),
            part=p,
        )
        for p in range(PARTS)
        for i in range(ITEMS_PER_PART)
    ]
    report = create_report(
        actor=admin,
        title="Towards an effective and financially sustainable approach to SEND",
        response_deadline=timezone.localdate() + datetime.timedelta(days=30),
        publisher="LGA, CCN and ISOS Partnership",
        approval_quorum=2,
        parts=parts,
        items=items,
    )
    forums = [*locals_, *regions, national]
    for forum in forums:
        start_response(report=report, forum=forum, actor=people[forum][0])
    sections = list(
        Section.objects.filter(response__report=report).select_related("response__forum", "item")
    )
    print(f"  {len(forums)} responses, {len(sections)} sections, writing revisions ...", flush=True)
    stances = [Stance.AGREE, Stance.AGREE_WITH_CONCERNS, Stance.DISAGREE]
    previous: dict[int, Revision] = {}
    with transaction.atomic():
        for version in range(1, REVISIONS + 1):
            layer = [
                Revision(
                    section=section,
                    text=text_of(rng, section.response.forum.name, version),
                    stance=rng.choice(stances) if section.takes_stance else Stance.NO_POSITION,
                    author=people[section.response.forum][version % 2],
                    base=previous.get(section.pk),
                )
                for section in sections
            ]
            for revision in Revision.objects.bulk_create(layer, batch_size=2000):
                previous[revision.section_id] = revision
        for section in sections:
            latest = previous[section.pk]
            section.latest_revision, section.version = latest, REVISIONS
            section.latest_stance, section.latest_words = latest.stance, word_count(latest.text)
        Section.objects.bulk_update(
            sections,
            ["latest_revision", "version", "latest_stance", "latest_words"],
            batch_size=2000,
        )
        index_every_section()
        Comment.objects.bulk_create(
            Comment(section=section, author=people[section.response.forum][n % 2], body=body)
            for section in sections
            if section.item_id and section.item.order <= COMMENTED_SECTIONS
            for n, body in enumerate(["Can we add an example here?", "I have added one."])
        )
        Response.objects.filter(report=report).exclude(forum=national).update(
            status=ResponseStatus.SUBMITTED, submitted_at=timezone.now(), submitted_by=admin
        )
    print("  approving and publishing the statement ...", flush=True)
    statement = Response.objects.get(report=report, forum=national)
    steering = people[national]
    for section in statement.sections.all():
        for approver in steering[:2]:
            approve_section(section=section, revision_id=section.latest_revision_id, actor=approver)
    publish_statement(statement=statement, actor=steering[0])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    region, local = regions[0], next(f for f in locals_ if f.parent_id == regions[0].pk)
    first_item = report.items.order_by("order").first()
    history_section = (
        Section.objects.filter(response__report=report, response__forum=local, item=first_item)
        .get()
        .pk
    )
    return {
        "report": report.slug,
        "item": first_item.pk,
        "national": national.slug,
        "region": region.slug,
        "local": local.slug,
        "responses": {
            forum.slug: Response.objects.get(report=report, forum=forum).pk
            for forum in (national, region, local)
        },
        "history": history_section,
        "users": {
            "steering": steering[0],
            "admin": admin,
            "region lead": people[region][0],
            "local member": people[local][1],
        },
    }


def pages_to_measure(data: dict) -> list[Page]:
    sessions = {who: servers.session_for(user) for who, user in data["users"].items()}
    r, item, responses = data["report"], data["item"], data["responses"]
    region, local, national = data["region"], data["local"], data["national"]

    def page(label: str, path: str, who: str | None) -> Page:
        return Page(label, path, sessions[who] if who else None)

    return [
        page("sign-in page", servers.LOGIN_PATH, None),
        *(page(f"dashboard ({who})", "/", who) for who in sessions),
        page("report page", f"/reports/{r}/", "region lead"),
        page("response page (local)", f"/responses/{responses[local]}/", "local member"),
        page("response page (region)", f"/responses/{responses[region]}/", "region lead"),
        page("response page (national)", f"/responses/{responses[national]}/", "steering"),
        page("workspace (region)", f"/reports/{r}/forums/{region}/items/{item}/", "region lead"),
        page("workspace (national)", f"/reports/{r}/forums/{national}/items/{item}/", "steering"),
        page("positions (region)", f"/reports/{r}/forums/{region}/positions/", "region lead"),
        page("positions (national)", f"/reports/{r}/forums/{national}/positions/", "steering"),
        page("statement overview", f"/reports/{r}/statement/", "steering"),
        page("history with a diff", f"/sections/{data['history']}/history/", "local member"),
        page("the record", "/audit/", "steering"),
        page("public statement", f"/statements/{r}/", None),
        page("public index", "/statements/", None),
        page("search (steering)", "/search/?q=tribunals", "steering"),
        page("search (local member)", "/search/?q=tribunals", "local member"),
        page("public search", "/statements/?q=tribunals", None),
    ]


def count_queries(pages: list[Page]) -> None:
    """Each page asked for twice in this process, the queries of the second counted (the
    first showing of a text also stores its HTML)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    for page in pages:
        client = Client(HTTP_HOST=HOST)
        if page.session:
            client.cookies["sessionid"] = page.session
        client.get(page.path)
        with CaptureQueriesContext(connection) as queries:
            reply = client.get(page.path)
        if reply.status_code != 200:
            raise RuntimeError(f"{page.label}: HTTP {reply.status_code} at {page.path}")
        page.queries = len(queries)


def measure(pages: list[Page], ports: list[int], rounds: int) -> None:
    """Every page in turn, round after round, alternating between the processes."""
    clients = {}
    for page in pages:
        client = requests.Session()
        if page.session:
            client.cookies.set("sessionid", page.session, domain=HOST)
        clients[page.label] = client
    port_of = itertools.cycle(ports)
    for round_number in range(rounds + 3):  # three rounds to warm up, not counted
        for page in pages:
            url = f"http://{HOST}:{next(port_of)}{page.path}"
            started = time.perf_counter()
            reply = clients[page.label].get(url, timeout=TIMEOUT, allow_redirects=False)
            took = time.perf_counter() - started
            if reply.status_code != 200:
                raise RuntimeError(f"{page.label}: HTTP {reply.status_code} at {page.path}")
            if round_number >= 3:
                page.times.append(took)
                page.size = len(reply.content)


def report(pages: list[Page], rounds: int) -> bool:
    plain, _ = percentiles(pages[0].times)
    print(f"\n{rounds} requests a page, one at a time, over two gunicorn processes")
    print(f"{'page':<30} {'p50 ms':>7} {'p95 ms':>7} {'x plain':>8} {'HTML KB':>8} {'queries':>8}")
    met = True
    for page in pages:
        p50, p95 = percentiles(page.times)
        ratio = p50 / plain
        missed = ratio > RATIO_TARGET or page.size > HTML_TARGET
        met = met and not missed
        print(
            f"{page.label:<30} {p50:>7.1f} {p95:>7.1f} {ratio:>8.2f} {page.size / 1024:>8.1f}"
            f" {page.queries:>8}{'  missed' if missed else ''}"
        )
    print(f"\nTargets: median at most {RATIO_TARGET:g} x the sign-in page's, HTML at most "
          f"{HTML_TARGET // 1024} KB: {'met' if met else 'missed'}")  # fmt: skip
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="requests a page")
    args = parser.parse_args()
    try:
        with servers.throwaway_database("pages") as workdir:
            started = time.monotonic()
            data = build()
            print(f"  built in {time.monotonic() - started:.0f} s", flush=True)
            pages = pages_to_measure(data)
            count_queries(pages)
            with servers.gunicorn_processes(workdir) as ports:
                print(f"Measuring {len(pages)} pages on ports {ports} ...", flush=True)
                measure(pages, ports, args.requests)
            return 0 if report(pages, args.requests) else 1
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
