"""Load: many editors autosaving at once through two gunicorn processes, and no lost work.

Creates a throwaway PostgreSQL database on 127.0.0.1:5432, builds the data with the
product's own functions (the demo report, regions, editors as forum members, their
responses started, the shared sections drafted once), serves it with two gunicorn
processes on two free loopback ports with production settings (DEBUG off, collected
static files, plain http because it is loopback), then runs the editors for a fixed
time, spread over both processes. Each editor opens its response page, then autosaves
a few sections through the real save endpoint as the page's script does (an htmx
POST with the CSRF token, the text, the stance and the revision it started from),
taking the server's answer as its new starting point. Several editors share each
section; some keep saving from the revision they started from, a stale base, as a
forgotten tab would. Between saves each editor asks for the sign-in page, a trivial
page served by the same processes, under the same load.

With `--publish`, a steering member publishes a statement of about 100 pages (120
items, each a recommendation's length) through the same processes a quarter of the way
into the run, as the publish button does; the saves made while it is being published
are then counted apart from the others, and both medians are printed.

At the end it checks in the database that every text any editor sent is stored in
some revision, prints the figures and removes the servers, the database and its
temporary files (also on an error or Ctrl-C).

    .venv/bin/python bench/load.py [--seconds 60] [--editors 50] [--publish]

It exits with 1 when a target is missed: an error, a lost text, a save median over
1.5 times the sign-in page's, or (with `--publish`) a median of the saves made while
publishing over 1.5 times that of the others.

The HTTP client is `requests`, pinned in requirements-dev.in.
"""

import argparse
import math
import os
import random
import re
import sys
import threading
import time
from dataclasses import dataclass, field

import requests
from pages import NewItem, NewPart
from servers import (
    HOST,
    LOGIN_PATH,
    gunicorn_processes,
    percentiles,
    session_for,
    throwaway_database,
)

EDITORS_PER_REGION = 10
SHARED_SECTIONS = 4  # the introduction and the first three items of each response
SECTIONS_PER_EDITOR = 3
PAUSE = (1.5, 3.0)  # seconds between one editor's saves (the page saves after a 2 s pause)
TIMEOUT = (5, 30)  # connect, read: no request waits longer
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SAVE_TARGET = 1.5  # a save's median, over the sign-in page's
PUBLISH_TARGET = 1.5  # the saves' median while publishing, over the others'
PUBLISHED_ITEMS = 120  # about 100 pages of PDF, as in bench/pdf.py
PUBLISH_AT = 0.25  # of the run


# The data ----------------------------------------------------------------------------


@dataclass
class Draft:
    """One section as an editor's page holds it."""

    section_id: int
    takes_stance: bool
    base: int | None
    text: str
    stance: str


@dataclass
class Editor:
    number: int
    username: str
    session_key: str
    response_id: int
    drafts: list[Draft]
    stale: bool  # keeps saving from the revision it started from, like a forgotten tab


def sections_of(number: int) -> list[int]:
    """Which of its region's shared sections an editor writes in."""
    return [(number + k) % SHARED_SECTIONS for k in range(SECTIONS_PER_EDITOR)]


def mark(number: int) -> str:
    return f"[editor{number:03d}]"


def build(editor_count: int) -> list[Editor]:
    from django.contrib.auth import get_user_model

    from responses.demo import _report
    from responses.drafting import save_section, start_response
    from responses.forums import REGIONS, grant_membership
    from responses.models import Forum, ForumKind, Role, Stance

    User = get_user_model()
    # No passwords: hashing a hundred of them would take longer than the run. Editors
    # get their sessions directly, as signing in would leave them.
    admin = User.objects.create_user("admin", password=None, is_staff=True, is_superuser=True)
    national = Forum.objects.create(
        name="National Network of Parent Carer Forums", slug="national", kind=ForumKind.NATIONAL
    )
    report = _report()
    editors = []
    for region_index in range(math.ceil(editor_count / EDITORS_PER_REGION)):
        name = REGIONS[region_index % len(REGIONS)]
        if region_index >= len(REGIONS):
            name = f"{name} {region_index // len(REGIONS) + 1}"
        forum = Forum.objects.create(
            name=name,
            slug=name.lower().replace(" ", "-"),
            kind=ForumKind.REGION,
            parent=national,
        )
        response = start_response(report=report, forum=forum, actor=admin)
        shared = list(response.sections.order_by("order")[:SHARED_SECTIONS])
        members = [
            number
            for number in range(
                region_index * EDITORS_PER_REGION, (region_index + 1) * EDITORS_PER_REGION
            )
            if number < editor_count
        ]
        for position, section in enumerate(shared):
            # A paragraph held for each editor of the section, as a lead sets out who
            # writes what: edits to different paragraphs merge.
            writers = [n for n in members if position in sections_of(n)]
            save_section(
                section=section,
                text="\n\n".join(
                    [f"{forum.name} forums met to agree this part of the response."]
                    + [f"{mark(n)} To be written." for n in writers]
                ),
                stance=Stance.AGREE if section.takes_stance else Stance.NO_POSITION,
                base_revision_id=None,
                actor=admin,
            )
        for number in members:
            user = User.objects.create_user(
                f"editor{number:03d}", password=None, first_name="Editor", last_name=str(number)
            )
            grant_membership(actor=admin, user=user, forum=forum, role=Role.MEMBER)
            session_key = session_for(user)
            drafts = []
            for section in (shared[position] for position in sections_of(number)):
                latest = section.revisions.order_by("-pk").first()
                drafts.append(
                    Draft(section.pk, section.takes_stance, latest.pk, latest.text, latest.stance)
                )
            stale = number % 5 == 0
            editors.append(Editor(number, user.username, session_key, response.pk, drafts, stale))
    return editors


@dataclass
class Publisher:
    session_key: str
    slug: str


def build_statement_to_publish() -> Publisher:
    """A statement of about 100 pages, every section drafted and approved by two
    steering members: ready for the publish button."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from pdf import SECTION_TEXT  # the same length of text as the PDF benchmark's

    from responses.approval import approve_section
    from responses.drafting import save_section, start_response
    from responses.models import Forum, ForumKind, Membership, Role, Stance
    from responses.reports import create_report

    User = get_user_model()
    national = Forum.objects.get(kind=ForumKind.NATIONAL)
    steering = [User.objects.create_user(f"steering{n}", password=None) for n in range(2)]
    Membership.objects.bulk_create(
        Membership(user=user, forum=national, role=Role.STEERING) for user in steering
    )
    report = create_report(
        actor=steering[0],
        title="A report of 120 recommendations",
        response_deadline=timezone.localdate(),
        publisher="LGA",
        approval_quorum=2,
        parts=[NewPart(label="Part 1", title="Recommendations")],
        items=[
            NewItem(kind="recommendation", number=str(n), title=f"Recommendation {n}",
                    text="What the report recommends.", part=0)
            for n in range(1, PUBLISHED_ITEMS + 1)
        ],
    )  # fmt: skip
    statement = start_response(report=report, forum=national, actor=steering[0])
    for section in statement.sections.order_by("order"):
        stance = Stance.AGREE if section.takes_stance else Stance.NO_POSITION
        saved = save_section(section=section, text=SECTION_TEXT, stance=stance,
                             base_revision_id=None, actor=steering[0])  # fmt: skip
        for approver in steering:
            approve_section(section=section, revision_id=saved.revision.pk, actor=approver)
    return Publisher(session_for(steering[0]), report.slug)


def stored_texts(texts: set[str]) -> set[str]:
    from responses.models import Revision

    found = set()
    pending = list(texts)
    for start in range(0, len(pending), 200):
        chunk = pending[start : start + 200]
        found.update(Revision.objects.filter(text__in=chunk).values_list("text", flat=True))
    return found


# The editors -------------------------------------------------------------------------


@dataclass
class Tally:
    """What every editor saw, gathered under one lock."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    saves: list[float] = field(default_factory=list)
    save_starts: list[float] = field(default_factory=list)
    publishing: tuple[float, float] | None = None  # when it started and ended
    pages: list[float] = field(default_factory=list)
    opens: list[float] = field(default_factory=list)
    outcomes: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    sent: set[str] = field(default_factory=set)

    def error(self, what: str) -> None:
        with self.lock:
            self.errors.append(what)

    @property
    def requests(self) -> int:
        return len(self.saves) + len(self.pages) + len(self.opens) + len(self.errors)


def edited(editor: Editor, draft: Draft, count: int) -> str:
    """The section's text with this editor's own paragraph rewritten: one paragraph per
    editor, so that most concurrent edits merge; a stale base can still clash."""
    own = mark(editor.number)
    mine = (
        f"{own} Point {count} of {editor.username}: families told us that support must "
        f"follow the child's needs, not a label, and be reviewed with them (save {count})."
    )
    paragraphs = [p for p in draft.text.split("\n\n") if p.strip()]
    for index, paragraph in enumerate(paragraphs):
        if paragraph.startswith(own):
            paragraphs[index] = mine
            break
    else:
        paragraphs.append(mine)
    return "\n\n".join(paragraphs)


def timed_get(client, url: str, label: str, tally: Tally, times: list[float]):
    """GET a page: its time goes in `times`, a failure in the errors (None back)."""
    started = time.perf_counter()
    try:
        reply = client.get(url, timeout=TIMEOUT)
    except requests.RequestException as error:
        tally.error(f"{label}: {type(error).__name__}: {error}")
        return None
    if reply.status_code != 200:
        tally.error(f"{label}: HTTP {reply.status_code}")
        return None
    with tally.lock:
        times.append(time.perf_counter() - started)
    return reply


def run_editor(editor: Editor, port: int, deadline: float, stop: threading.Event, tally: Tally):
    from responses.models import Stance

    rng = random.Random(editor.number)
    base_url = f"http://{HOST}:{port}"
    with requests.Session() as client:
        client.cookies.set("sessionid", editor.session_key, domain=HOST)
        page_url = f"{base_url}/responses/{editor.response_id}/"
        page = timed_get(client, page_url, f"{editor.username} open", tally, tally.opens)
        token = CSRF_INPUT.search(page.text) if page is not None else None
        if token is None:
            if page is not None:
                tally.error(f"{editor.username} open: no form on the page")
            return
        most = int((deadline - time.monotonic()) / PAUSE[0]) + 1  # bounded in count too
        for count in range(1, most + 1):
            if stop.wait(rng.uniform(*PAUSE)) or time.monotonic() >= deadline:
                break
            draft = editor.drafts[count % len(editor.drafts)]
            text = edited(editor, draft, count)
            stance = draft.stance
            if draft.takes_stance and stance == Stance.NO_POSITION:
                stance = Stance.AGREE
            data = {
                "csrfmiddlewaretoken": token.group(1),
                "text": text,
                "stance": stance,
                "base_revision_id": draft.base or "",
            }
            with tally.lock:
                tally.sent.add(text)
            started = time.perf_counter()
            try:
                reply = client.post(
                    f"{base_url}/sections/{draft.section_id}/save/",
                    data=data,
                    headers={"HX-Request": "true"},
                    timeout=TIMEOUT,
                )
                answer = reply.json() if reply.status_code == 200 else None
            except (requests.RequestException, ValueError) as error:
                tally.error(f"{editor.username} save: {type(error).__name__}: {error}")
                continue
            took = time.perf_counter() - started
            if answer is None or answer.get("status") not in {"saved", "merged", "conflict"}:
                tally.error(f"{editor.username} save: HTTP {reply.status_code}")
                continue
            with tally.lock:
                tally.saves.append(took)
                tally.save_starts.append(started)
                tally.outcomes[answer["status"]] = tally.outcomes.get(answer["status"], 0) + 1
            if editor.stale and rng.random() < 0.5:
                # The forgotten tab: the next save still starts from the old revision,
                # with this editor's words as it last typed them.
                draft.text = text
            else:
                # As the page does: the latest revision (merged text included) is
                # what the editor sees and goes on from, after a clash too.
                draft.base, draft.text, draft.stance = (
                    answer["revision"], answer["text"], answer["stance"]
                )  # fmt: skip

            timed_get(client, f"{base_url}{LOGIN_PATH}", f"{editor.username} sign-in page",
                      tally, tally.pages)  # fmt: skip


def run_publisher(publisher: Publisher, port: int, at: float, stop: threading.Event, tally):
    """Publish the statement at `at` (a monotonic time) as the overview's button does."""
    base_url = f"http://{HOST}:{port}"
    overview = f"{base_url}/reports/{publisher.slug}/statement/"
    if stop.wait(max(0.0, at - time.monotonic())):
        return
    with requests.Session() as client:
        client.cookies.set("sessionid", publisher.session_key, domain=HOST)
        page = timed_get(client, overview, "publisher overview", tally, [])
        token = CSRF_INPUT.search(page.text) if page is not None else None
        if token is None:
            tally.error("publisher: no publish form on the overview")
            return
        started = time.perf_counter()
        try:
            reply = client.post(
                f"{overview}publish/",
                data={"csrfmiddlewaretoken": token.group(1)},
                allow_redirects=False,
                timeout=(5, 600),
            )
        except requests.RequestException as error:
            tally.error(f"publisher: {type(error).__name__}: {error}")
            return
        ended = time.perf_counter()
    if reply.status_code != 302 or "/statements/" not in reply.headers.get("Location", ""):
        tally.error(f"publisher: HTTP {reply.status_code}, not published")
        return
    with tally.lock:
        tally.publishing = (started, ended)


def run_editors(
    editors: list[Editor], ports: list[int], seconds: float, publisher: Publisher | None = None
) -> Tally:
    tally = Tally()
    stop = threading.Event()
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(
            target=run_editor,
            args=(editor, ports[index % len(ports)], deadline, stop, tally),
            daemon=True,
        )
        for index, editor in enumerate(editors)
    ]
    if publisher is not None:
        at = time.monotonic() + seconds * PUBLISH_AT
        threads.append(
            threading.Thread(
                target=run_publisher, args=(publisher, ports[0], at, stop, tally), daemon=True
            )
        )
    for thread in threads:
        thread.start()
    try:
        # The last request may start just before the deadline and wait its read timeout.
        finish = deadline + TIMEOUT[0] + TIMEOUT[1] + 5
        for thread in threads:
            thread.join(max(0.0, finish - time.monotonic()))
    finally:
        stop.set()
    if any(thread.is_alive() for thread in threads):
        tally.error("some editors were still waiting for an answer at the end")
    return tally


# The figures -------------------------------------------------------------------------


def report(tally: Tally, lost: set[str], editors: int, seconds: float, ports: list[int]) -> bool:
    save_p50, save_p95 = percentiles(tally.saves)
    page_p50, page_p95 = percentiles(tally.pages)
    ratio = save_p50 / page_p50 if tally.pages and tally.saves else math.nan
    outcomes = ", ".join(f"{tally.outcomes.get(k, 0)} {k}" for k in ("saved", "merged", "conflict"))
    print(f"{editors} editors for {seconds:g} s on gunicorn ports {ports[0]} and {ports[1]}")
    print("load average:      {:.1f} {:.1f} {:.1f} (1, 5, 15 min)".format(*os.getloadavg()))
    print(f"requests:          {tally.requests} ({len(tally.opens)} page opens, "
          f"{len(tally.saves)} saves, {len(tally.pages)} sign-in pages)")  # fmt: skip
    print(f"save outcomes:     {outcomes}")
    print(f"errors:            {len(tally.errors)} (target 0)")
    for error in tally.errors[:10]:
        print(f"  {error}")
    print(f"texts sent:        {len(tally.sent)}")
    print(f"lost texts:        {len(lost)} (target 0)")
    print(f"save latency:      p50 {save_p50:.0f} ms, p95 {save_p95:.0f} ms")
    print(f"sign-in page:      p50 {page_p50:.0f} ms, p95 {page_p95:.0f} ms")
    print(f"save p50 / page p50: {ratio:.2f} (target at most {SAVE_TARGET:g})")
    met = not tally.errors and not lost and ratio <= SAVE_TARGET
    if tally.publishing is not None:
        met = report_publishing(tally) and met
    return met


def report_publishing(tally: Tally) -> bool:
    """The saves started while the statement was being published, next to the others."""
    started, ended = tally.publishing
    during = [
        t for t, at in zip(tally.saves, tally.save_starts, strict=True) if started <= at <= ended
    ]
    others = [
        t
        for t, at in zip(tally.saves, tally.save_starts, strict=True)
        if not started <= at <= ended
    ]
    (during_p50, during_p95), (others_p50, others_p95) = percentiles(during), percentiles(others)
    ratio = during_p50 / others_p50 if during and others else math.nan
    print(
        f"publishing:        {ended - started:.1f} s for {PUBLISHED_ITEMS} items (about 100 pages)"
    )
    print(f"saves meanwhile:   {len(during)}, p50 {during_p50:.0f} ms, p95 {during_p95:.0f} ms")
    print(f"saves otherwise:   {len(others)}, p50 {others_p50:.0f} ms, p95 {others_p95:.0f} ms")
    print(f"meanwhile / otherwise p50: {ratio:.2f} (target at most {PUBLISH_TARGET:g})")
    return bool(during) and ratio <= PUBLISH_TARGET


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--editors", type=int, default=50)
    parser.add_argument("--publish", action="store_true", help="publish 100 pages mid-run")
    args = parser.parse_args()

    try:
        with throwaway_database("load") as workdir:
            editors = build(args.editors)
            publisher = build_statement_to_publish() if args.publish else None
            with gunicorn_processes(workdir) as ports:
                print(f"Running {len(editors)} editors for {args.seconds:g} s ...", flush=True)
                tally = run_editors(editors, ports, args.seconds, publisher)
            lost = tally.sent - stored_texts(tally.sent)
            return 0 if report(tally, lost, len(editors), args.seconds, ports) else 1
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
