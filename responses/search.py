"""Finding words: search across reports in what a person may read.

On PostgreSQL it is PostgreSQL's full-text search with the English configuration
("tribunals" finds "tribunal"), ranked. The words of each section's latest text are
kept in `SectionSearch`, written where a revision becomes the latest, and those of
published sections in `PublishedSearch`; comments and the reports' own text are
searched through expression indexes (migration 0010). On SQLite (the demo and the
quick start) every word of the query must appear in the text, a plural finding its
singular too, and results come in report order.

`permissions` decides what may be read. Each search is a fixed number of queries,
whatever the size of the network.
"""

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import F, Func, Max, Model, Q, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import permissions
from .models import (
    Comment,
    Forum,
    Item,
    Publication,
    PublishedSearch,
    PublishedSection,
    Report,
    Section,
    SectionSearch,
    Stance,
)
from .names import display_name
from .people import Person

MAX_QUERY = 200  # characters
PAGE = 20  # forums' sections a page
SIDE_LIMIT = 10  # comments, and report items, on the first page
_START, _STOP = "\ue000", "\ue001"  # private-use characters mark the matching words
_CONFIG = "english"
_WORD = re.compile(r"\w+")
_EMPHASIS = re.compile(r"\*\*|__|`")


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"


class Words(Func):
    """The words of a text column as the English configuration reads them: the same
    expression as the indexes of migration 0010, so PostgreSQL uses them."""

    function = "to_tsvector"
    template = "%(function)s('english'::regconfig, %(expressions)s)"
    arg_joiner = " || ' ' || "
    output_field = SearchVectorField()


def index_section(section_id: int, text: str) -> None:
    """Keep the search words of a section's new latest text (PostgreSQL only)."""
    if not on_postgresql():
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO responses_sectionsearch (section_id, vector)"
            " VALUES (%s, to_tsvector('english', %s))"
            " ON CONFLICT (section_id) DO UPDATE SET vector = EXCLUDED.vector",
            [section_id, text],
        )


def index_publication(publication) -> None:
    """Keep the search words of a publication's sections as published (PostgreSQL)."""
    if not on_postgresql():
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO responses_publishedsearch (published_section_id, vector)"
            " SELECT p.id, to_tsvector('english', r.text) FROM responses_publishedsection p"
            " JOIN responses_revision r ON r.id = p.revision_id WHERE p.publication_id = %s",
            [publication.pk],
        )


def index_every_section() -> None:
    """Write the search words of every section again: for data written in bulk, past
    the product's own save path (the page benchmark)."""
    if not on_postgresql():
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO responses_sectionsearch (section_id, vector)"
            " SELECT s.id, to_tsvector('english', r.text) FROM responses_section s"
            " JOIN responses_revision r ON r.id = s.latest_revision_id"
            " ON CONFLICT (section_id) DO UPDATE SET vector = EXCLUDED.vector"
        )


@dataclass(frozen=True)
class Filters:
    """What a search is narrowed to; each empty when not chosen."""

    report: str = ""  # a report's slug
    level: str = ""  # a ForumKind
    forum: str = ""  # a forum's slug
    stance: str = ""

    @property
    def about_forums(self) -> bool:
        """Narrowed to forums' words: the reports' own text has no forum or stance."""
        return bool(self.level or self.forum or self.stance)

    def narrow(self, rows: QuerySet, section: str = "") -> QuerySet:
        """`rows` narrowed to these filters; `section` is the path to their section."""
        at = f"{section}__" if section else ""
        chosen = {
            "response__report__slug": self.report,
            "response__forum__kind": self.level,
            "response__forum__slug": self.forum,
            "latest_stance": self.stance,
        }
        return rows.filter(**{f"{at}{path}": value for path, value in chosen.items() if value})


@dataclass
class Hit:
    """One place the words were found."""

    kind: str  # "report" (the report's own text), "section" or "comment"
    report: Report
    item: Item | None
    heading: str
    snippet: SafeString
    url: str
    rank: float = 0.0
    forum: Forum | None = None
    stance: str = ""  # the label, for a forum's section
    author: str = ""  # for a comment


_KIND_ORDER = {"report": 0, "section": 1, "comment": 2}


@dataclass
class ItemGroup:
    heading: str
    hits: list[Hit] = field(default_factory=list)


@dataclass
class ReportGroup:
    report: Report
    items: list[ItemGroup] = field(default_factory=list)


@dataclass
class Results:
    words: str
    groups: list[ReportGroup]
    count: int  # on this page
    page: int = 1
    has_next: bool = False  # more forums' words on the next page
    more_on_the_side: bool = False  # more comments or report items than shown

    @property
    def ranked(self) -> bool:
        return on_postgresql()


def search(user: Person, words: str, filters: Filters = Filters(), page: int = 1) -> Results:
    """Everything `user` may read that holds `words`: the latest text of forums'
    sections, a page at a time, and on the first page the comments on them and the
    reports' own items."""
    matcher = _matcher(words)
    if matcher is None:
        return Results(words=words, groups=[], count=0)
    readable = permissions.readable_sections(user)
    start = (page - 1) * PAGE
    found = matcher.found(filters.narrow(readable), _SECTIONS, start, start + PAGE + 1)
    hits = [_section_hit(matcher, section) for section in found[:PAGE]]
    more = False
    if page == 1:
        comments = matcher.found(_comments(readable, filters), _COMMENTS, 0, SIDE_LIMIT + 1)
        items = []  # the reports' own text has no forum, level or position
        if not filters.about_forums:
            items = matcher.found(_items(user, filters), _ITEMS, 0, SIDE_LIMIT + 1)
        more = len(comments) > SIDE_LIMIT or len(items) > SIDE_LIMIT
        hits += [_comment_hit(matcher, comment) for comment in comments[:SIDE_LIMIT]]
        hits += [_item_hit(matcher, item) for item in items[:SIDE_LIMIT]]
    return Results(
        words=words,
        groups=group(hits),
        count=len(hits),
        page=page,
        has_next=len(found) > PAGE,
        more_on_the_side=more,
    )


def search_published(words: str, page: int = 1) -> Results:
    """The words in the latest version of every published statement, for anyone."""
    matcher = _matcher(words)
    if matcher is None:
        return Results(words=words, groups=[], count=0)
    latest = Publication.objects.filter(pk__in=_latest_publications())
    rows = PublishedSection.objects.filter(publication__in=latest)
    start = (page - 1) * PAGE
    found = matcher.found(rows, _PUBLISHED, start, start + PAGE + 1)
    hits = [
        Hit(
            kind="section",
            report=row.publication.response.report,
            item=row.section.item,
            heading=row.section.heading,
            snippet=matcher.snippet(row.revision.text),
            url=f"{row.publication.get_absolute_url()}#published-{row.section_id}",
            rank=row.rank,
        )
        for row in found[:PAGE]
    ]
    return Results(
        words=words, groups=group(hits), count=len(hits), page=page, has_next=len(found) > PAGE
    )


def _latest_publications() -> QuerySet:
    """The latest publication of each statement, as a subquery."""
    return (
        Publication.objects.values("response")
        .annotate(latest=Max("pk"))
        .values("latest")
        .order_by()
    )


def group(hits: Iterable[Hit]) -> list[ReportGroup]:
    """Hits by report, then by item: the best first on PostgreSQL, else in report order;
    within an item the report's own text, then the forums' words, then comments."""
    ordered = sorted(hits, key=lambda hit: (-hit.rank, *_place(hit)))
    reports: dict[int, ReportGroup] = {}
    items: dict[tuple[int, str], ItemGroup] = {}
    for hit in ordered:
        report = reports.setdefault(hit.report.pk, ReportGroup(report=hit.report))
        key = (hit.report.pk, hit.heading)
        if key not in items:
            items[key] = ItemGroup(heading=hit.heading)
            report.items.append(items[key])
        items[key].hits.append(hit)
    for item in items.values():
        item.hits.sort(key=lambda hit: (_KIND_ORDER[hit.kind], -hit.rank))
    return list(reports.values())


def _place(hit: Hit) -> tuple:
    item_order = hit.item.order if hit.item else (-1 if hit.heading == "Introduction" else 10**6)
    return (hit.report.response_deadline, hit.report.pk, item_order)


def _section_hit(matcher: "_Matcher", section: Section) -> Hit:
    return Hit(
        kind="section",
        report=section.response.report,
        item=section.item,
        heading=section.heading,
        snippet=matcher.snippet(section.latest_revision.text),
        url=f"{section.response.get_absolute_url()}#section-{section.pk}",
        rank=section.rank,
        forum=section.response.forum,
        stance=Stance(section.latest_stance).label if section.takes_stance else "",
    )


def _comments(readable: QuerySet[Section], filters: Filters) -> QuerySet[Comment]:
    return filters.narrow(Comment.objects.filter(section__in=readable), "section")


def _comment_hit(matcher: "_Matcher", comment: Comment) -> Hit:
    section = comment.section
    return Hit(
        kind="comment",
        report=section.response.report,
        item=section.item,
        heading=section.heading,
        snippet=matcher.snippet(comment.body),
        url=f"{section.response.get_absolute_url()}#comments-{section.pk}",
        rank=comment.rank,
        forum=section.response.forum,
        author=display_name(comment.author),
    )


def _items(user: Person, filters: Filters) -> QuerySet[Item]:
    rows = Item.objects.filter(report__in=permissions.visible_reports(user))
    if filters.report:
        rows = rows.filter(report__slug=filters.report)
    return rows


def _item_hit(matcher: "_Matcher", item: Item) -> Hit:
    return Hit(
        kind="report",
        report=item.report,
        item=item,
        heading=item.heading,
        snippet=matcher.snippet(f"{item.title} {item.text}"),
        url=f"{item.report.get_absolute_url()}#item-{item.pk}",
        rank=item.rank,
    )


# How the words are matched -------------------------------------------------------


@dataclass(frozen=True)
class _Source:
    """Where one kind of row keeps its words, and what is read with a row found."""

    related: tuple[str, ...]  # read with each row shown
    fields: tuple[str, ...]  # SQLite: the fields the words are looked for in
    order: tuple[str, ...]  # SQLite: the order of the results
    # PostgreSQL: the row's words as the indexed expression, or kept in a model of their
    # own (`index`), whose `key` is the row.
    words: Any = None
    index: type[Model] | None = None
    key: str = ""


_SECTIONS = _Source(
    related=("response__report", "response__forum", "item", "latest_revision"),
    fields=("latest_revision__text",),
    order=("response__report", "response__forum__name", "order"),
    index=SectionSearch,
    key="section",
)
_COMMENTS = _Source(
    related=("section__response__report", "section__response__forum", "section__item", "author"),
    fields=("body",),
    order=("section__response__report", "pk"),
    words=Words(F("body")),
)
_ITEMS = _Source(
    related=("report",),
    fields=("title", "text"),
    order=("report", "order"),
    words=Words(F("title"), F("text")),
)
_PUBLISHED = _Source(
    related=("publication__response__report", "section__item", "revision"),
    fields=("revision__text",),
    order=("publication", "section__order"),
    index=PublishedSearch,
    key="published_section",
)


class _Matcher(ABC):
    """Finds the words in each kind of row, and marks them in a snippet."""

    @abstractmethod
    def found(self, rows: QuerySet, source: _Source, start: int, stop: int) -> list:
        """The rows holding the words, the best (or first) first, from `start` to
        `stop`, each with its `rank`."""

    @property
    @abstractmethod
    def marks(self) -> re.Pattern:
        """The words of a text to mark as found."""

    def snippet(self, text: str) -> SafeString:
        """About 35 words of `text` from just before the first found, marked."""
        words = text.split()
        first = next((n for n, word in enumerate(words) if self.marks.search(word)), 0)
        start = max(0, first - 10)
        shown = " ".join(words[start : start + 35]).replace(_START, "").replace(_STOP, "")
        marked = self.marks.sub(lambda found: f"{_START}{found.group(0)}{_STOP}", shown)
        before = "… " if start else ""
        after = " …" if start + 35 < len(words) else ""
        return _marked(f"{before}{marked}{after}")


def _matcher(words: str) -> _Matcher | None:
    """How to find `words` on this database; None when there is nothing to look for."""
    words = words.strip()[:MAX_QUERY]
    if not _WORD.search(words):
        return None
    return _FullText(words) if on_postgresql() else _Substrings(words)


def _starting_with(beginnings: Iterable[str]) -> re.Pattern:
    """Words that start with one of `beginnings`, in any case."""
    alternatives = "|".join(map(re.escape, sorted(set(beginnings)))) or r"(?!)"
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


class _FullText(_Matcher):
    """PostgreSQL: ranked full-text search. Rows whose words are kept apart are ranked
    from them first, and only the rows shown are read."""

    def __init__(self, words: str):
        self.words = words
        self.query = SearchQuery(words, config=_CONFIG, search_type="websearch")
        self._marks: re.Pattern | None = None

    def found(self, rows, source, start, stop):
        ranked = dict(self._ranked(rows, source)[start:stop])
        # Read apart from the ranking: one query joining every table that both need
        # took PostgreSQL longer to plan than to run.
        found = list(
            rows.model._default_manager.filter(pk__in=ranked).select_related(*source.related)
        )
        for row in found:
            row.rank = ranked[row.pk]
        return sorted(found, key=lambda row: (-row.rank, row.pk))

    def _ranked(self, rows: QuerySet, source: _Source) -> QuerySet:
        """(pk, rank) of the rows holding the words, the best first."""
        rank = SearchRank(F("words"), self.query)
        if source.index is None:
            matches = rows.annotate(words=source.words).filter(words=self.query)
            return matches.annotate(rank=rank).order_by("-rank", "pk").values_list("pk", "rank")
        matches = source.index.objects.annotate(words=F("vector")).filter(words=self.query)
        if rows.query.where:  # not every row: only those (else the join costs most)
            matches = matches.filter(**{f"{source.key}__in": rows})
        ordered = matches.annotate(rank=rank).order_by("-rank", source.key)
        return ordered.values_list(source.key, "rank")

    @property
    def marks(self) -> re.Pattern:
        """The words that begin as the query's stems do ("tribun" marks "tribunals";
        "famili", less its "i", marks "family"), asked of the database once. Marking
        them here rather than with ts_headline saves most of a search's time in the
        database, and the words marked are the same but for a rare irregular form."""
        if self._marks is None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT websearch_to_tsquery('english', %s)::text", [self.words])
                query = cursor.fetchone()[0]
            stems = [stem.replace("''", "'") for stem in _STEM.findall(query)]
            self._marks = _starting_with(
                stem[:-1] if stem.endswith("i") else stem for stem in stems
            )
        return self._marks


_STEM = re.compile(r"'((?:[^']|'')+)'")


def _singular(word: str) -> str:
    """The beginning that a word's singular and plural share, roughly: "tribunal" of
    "tribunals", "famil" of "families" and of "family"."""
    if len(word) <= 4:
        return word
    for ending in ("ies", "y", "s"):
        if word.endswith(ending) and not word.endswith("ss"):
            return word[: -len(ending)]
    return word


class _Substrings(_Matcher):
    """SQLite: each word of the query in the text, in any case, a plural finding its
    singular and the other way round."""

    def __init__(self, words: str):
        self.terms = sorted({_singular(word.lower()) for word in _WORD.findall(words)})[:8]
        self._marks = _starting_with(self.terms)

    def found(self, rows, source, start, stop):
        for term in self.terms:
            rows = rows.filter(
                Q.create([(f"{name}__icontains", term) for name in source.fields], connector=Q.OR)
            )
        shown = list(rows.select_related(*source.related).order_by(*source.order)[start:stop])
        for row in shown:
            row.rank = 0.0
        return shown

    @property
    def marks(self) -> re.Pattern:
        return self._marks


_MARKED = re.compile(f"{_START}(.*?){_STOP}", re.DOTALL)


def _marked(snippet: str) -> SafeString:
    """A snippet as safe HTML: the text escaped, Markdown's emphasis marks left out,
    the matching words in <mark>."""
    text = escape(_EMPHASIS.sub("", " ".join(snippet.split())))
    html = _MARKED.sub(r"<mark>\1</mark>", text)
    return mark_safe(html.replace(_START, "").replace(_STOP, ""))  # noqa: S308 (escaped above)
