"""Drafting responses: starting them, saving sections without losing a word,
restoring old revisions, submitting and reopening."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from . import audit
from .approval import void_superseded_approvals
from .models import (
    Comment,
    Forum,
    Report,
    Response,
    ResponseStatus,
    Revision,
    RevisionKind,
    Section,
    SectionKind,
    Stance,
)
from .names import display_name
from .presence import editors_by_section
from .refusals import ActionRefused
from .revisions import merge_stances, merge_texts
from .search import index_section
from .text import word_count


@transaction.atomic
def start_response(*, report: Report, forum: Forum, actor) -> Response:
    """The forum's response to the report, with one section per item plus an
    introduction and a conclusion. Starting twice returns the same response."""
    existing = Response.objects.filter(report=report, forum=forum).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            response = Response.objects.create(report=report, forum=forum)
    except IntegrityError:
        # Someone started it at the same moment: theirs is the one.
        return Response.objects.get(report=report, forum=forum)
    sections = [Section(response=response, kind=SectionKind.INTRODUCTION, order=0)]
    for position, item in enumerate(report.items.order_by("order"), start=1):
        sections.append(
            Section(response=response, kind=SectionKind.ITEM, item=item, order=position)
        )
    sections.append(Section(response=response, kind=SectionKind.CONCLUSION, order=len(sections)))
    Section.objects.bulk_create(sections)
    verb = (
        audit.AuditVerb.STATEMENT_STARTED if forum.is_national else audit.AuditVerb.RESPONSE_STARTED
    )
    audit.record(actor=actor, verb=verb, target=response, report=report)
    return response


MAX_WORDS = 20_000
MAX_COMMENT_CHARS = 5_000


class UnknownBaseRevision(LookupError):
    """The save claims to start from a revision that is not one of this section's."""


@dataclass
class SaveOutcome:
    """What became of one save.

    `revision` is the section's latest revision afterwards; `own_revision` holds
    exactly the text the user sent (on a conflict it is stored aside, not the latest).
    """

    status: str  # "saved" | "merged" | "conflict"
    revision: Revision
    own_revision: Revision
    merged_authors: list[str] = field(default_factory=list)
    section: Section | None = None  # as read under the lock, with its response and forum

    @property
    def is_conflict(self) -> bool:
        return self.status == "conflict"


class _LostRace(Exception):
    """The compare-and-set found the version moved: read again and redo the save."""


def check_word_limit(text: str) -> None:
    """Refuse a text too long to store: asked by the save and by the preview alike, so
    that the preview never shows what saving would refuse."""
    words = word_count(text)
    if words > MAX_WORDS:
        raise ActionRefused(
            f"This section is over {MAX_WORDS:,} words ({words:,}). "
            "Shorten it before saving: nothing was stored."
        )


def check_section_text(text: str, stance: str) -> None:
    """Refuse what may never be stored, before anything is."""
    check_word_limit(text)
    if stance not in Stance.values:
        raise ActionRefused("That position is not one we know: choose one from the list.")


def save_section(
    *,
    section: Section,
    text: str,
    stance: str,
    base_revision_id: int | None,
    actor,
    authorize: Callable[[Section], None] | None = None,
    kind: str = RevisionKind.SAVED,
) -> SaveOutcome:
    """Store the user's text and stance for the section, losing nobody's words.

    The save names the revision it started from. Nobody saved since: a new revision.
    Someone did: their edits and this one are merged against that common base; where
    they clash, this text is stored aside and the outcome says "conflict". The
    section's version column is the compare-and-set that makes the latest revision
    move one save at a time, on SQLite as on PostgreSQL. Each attempt is a transaction
    of its own (a savepoint inside a caller's), so a lost race leaves nothing behind.

    `section` needs only its id. `authorize`, when given, is called with the section
    as read under its lock (its response and forum with it) before anything is
    written, and raises when the actor may not write it: the autosave checks who may
    save on the very read it saves from, one query fewer than reading twice.
    """
    text = text.replace("\r\n", "\n")
    check_section_text(text, stance)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                outcome = _save_once(
                    section, text, stance, base_revision_id, actor, authorize, kind
                )
        except _LostRace:
            continue
        section.latest_revision = outcome.revision
        section.latest_revision_id = outcome.revision.pk
        return outcome
    # Five saves slipped in between reading and writing: keep the text all the same.
    section.refresh_from_db()
    stance = _stance_for(section, stance)
    own = _append(section, text, stance, base_revision_id, actor, RevisionKind.KEPT)
    return SaveOutcome("conflict", section.latest_revision, own, section=section)


def _stance_for(section: Section, stance: str) -> str:
    """The introduction and conclusion take no position, whatever the form sent."""
    return stance if section.takes_stance else Stance.NO_POSITION


def _locked_section(section: Section) -> Section:
    """The section as stored now, with its response and forum. On PostgreSQL the row
    locks make other saves of the section, and a submit of the response, wait; SQLite
    takes its write lock when the transaction starts."""
    # The latest revision is read in a statement of its own: a locking read that had to
    # wait sees the rows it locked as they are now, but any row it joins as it was
    # before, which would miss the revision the other save has just made.
    return (
        Section.objects.select_for_update(of=("self", "response"))
        .select_related("response__forum")
        .order_by()
        .get(pk=section.pk)
    )


def _revision(pk: int | None) -> Revision | None:
    if pk is None:
        return None
    return Revision.objects.select_related("author").order_by().get(pk=pk)


def _new_revision(section, text, stance, base_id, actor, kind) -> Revision:
    return Revision(
        section_id=section.pk, text=text, stance=stance, author=actor, base_id=base_id, kind=kind
    )


def _append(section, text, stance, base_id, actor, kind) -> Revision:
    revision = _new_revision(section, text, stance, base_id, actor, kind)
    revision.save(force_insert=True)
    return revision


def _make_latest(current: Section, revision: Revision, actor) -> None:
    claimed = Section.objects.filter(pk=current.pk, version=current.version).update(
        latest_revision=revision,
        latest_stance=revision.stance,
        latest_words=word_count(revision.text),
        version=F("version") + 1,
    )
    if not claimed:
        raise _LostRace
    index_section(current.pk, revision.text)
    # Approvals name the revision they approved: the one replaced here stops counting.
    void_superseded_approvals(
        section=current, previous_revision_id=current.latest_revision_id, actor=actor
    )


@dataclass
class _SinceBase:
    """What happened to a section after the revision a save started from."""

    base: Revision | None
    latest: Revision
    other_authors: list[str]


def _since_base(section: Section, base_id: int | None, actor) -> _SinceBase:
    """The save's base, the latest revision, and who else has saved the section since
    the base (one query). A base that is not one of this section's revisions is refused."""
    latest_id = section.latest_revision_id
    rows = Revision.objects.filter(section_id=section.pk).filter(
        Q(pk__in=[pk for pk in (base_id, latest_id) if pk is not None])
        | (Q(pk__gt=base_id or 0) & ~Q(author=actor) & ~Q(kind=RevisionKind.KEPT))
    )
    base = latest = None
    others = set()
    for revision in rows.select_related("author").order_by():
        if revision.pk == base_id:
            base = revision
        elif revision.author_id != actor.pk and revision.kind != RevisionKind.KEPT:
            others.add(display_name(revision.author))
        if revision.pk == latest_id:
            latest = revision
    if base_id is not None and base is None:
        raise UnknownBaseRevision(base_id)
    return _SinceBase(base, latest, sorted(others))


def _save_once(section, text, stance, base_id, actor, authorize, kind) -> SaveOutcome:
    current = _locked_section(section)
    if authorize is not None:
        authorize(current)
    outcome = _save_locked(current, text, _stance_for(current, stance), base_id, actor, kind)
    outcome.section = current
    return outcome


def _save_locked(current, text, stance, base_id, actor, kind) -> SaveOutcome:
    if current.response.is_submitted:
        raise ActionRefused(
            "This response has been submitted, so it can no longer be changed. "
            "Ask your forum lead to reopen it."
        )
    if current.latest_revision_id == base_id:
        latest = _revision(base_id)
        if latest is not None and (latest.text, latest.stance) == (text, stance):
            return SaveOutcome("saved", latest, latest)
        revision = _append(current, text, stance, base_id, actor, kind)
        _make_latest(current, revision, actor)
        return SaveOutcome("saved", revision, revision)

    since = _since_base(current, base_id, actor)
    base, latest, others = since.base, since.latest, since.other_authors
    if (text, stance) == (latest.text, latest.stance):
        return SaveOutcome("saved", latest, latest)
    if base is not None and (text, stance) == (base.text, base.stance):
        # Nothing of this user's to merge: their page catches up with the latest.
        return SaveOutcome("merged", latest, base, others)
    base_text, base_stance = (base.text, base.stance) if base else ("", Stance.NO_POSITION)
    merged_text = merge_texts(base_text, text, latest.text)
    merged_stance = merge_stances(base_stance, stance, latest.stance)
    if merged_text is None or merged_stance is None:
        own = _append(current, text, stance, base_id, actor, RevisionKind.KEPT)
        return SaveOutcome("conflict", latest, own, others)
    # The user's own text is kept as they sent it, then the merge becomes the latest.
    own, merged = Revision.objects.bulk_create(
        [
            _new_revision(current, text, stance, base_id, actor, RevisionKind.KEPT),
            _new_revision(
                current, merged_text, merged_stance, latest.pk, actor, RevisionKind.MERGED
            ),
        ]
    )
    _make_latest(current, merged, actor)
    return SaveOutcome("merged", merged, own, others)


def clash_of(*, section: Section, kept: Revision, actor) -> SaveOutcome:
    """A save that clashed, again: the text kept aside beside the section's latest
    revision, for the user to resolve as right after saving. `section` comes with its
    latest revision and author."""
    if kept.section_id != section.pk or kept.kind != RevisionKind.KEPT:
        raise UnknownBaseRevision(kept.pk)
    others = _since_base(section, kept.base_id, actor).other_authors
    return SaveOutcome("conflict", section.latest_revision, kept, others, section=section)


@transaction.atomic
def restore_revision(*, section: Section, revision: Revision, actor) -> Revision:
    """Bring back an old revision's text and stance as a new latest revision."""
    if revision.section_id != section.pk:
        raise UnknownBaseRevision(revision.pk)
    current = _locked_section(section)
    if current.response.is_submitted:
        raise ActionRefused("This response has been submitted: ask your lead to reopen it.")
    restored = _append(
        current,
        revision.text,
        revision.stance,
        current.latest_revision_id,
        actor,
        RevisionKind.RESTORED,
    )
    _make_latest(current, restored, actor)
    section.latest_revision = restored
    return restored


# Submitting --------------------------------------------------------------------------


@dataclass
class BeforeSubmitting:
    """What a lead should see before handing the response in (two queries)."""

    without_stance: list[Section]
    without_text: list[Section]
    open_comments: int

    @property
    def all_done(self) -> bool:
        return not (self.without_stance or self.without_text or self.open_comments)


def _sections_with_text(response: Response) -> list[Section]:
    return list(response.sections.select_related("item", "latest_revision").order_by("order"))


def sections_without_stance(response: Response) -> list[Section]:
    """The items where the forum has not taken a position yet (one query)."""
    return [section for section in _sections_with_text(response) if section.lacks_position]


def before_submitting(response: Response) -> BeforeSubmitting:
    sections = _sections_with_text(response)
    return BeforeSubmitting(
        without_stance=[section for section in sections if section.lacks_position],
        without_text=[section for section in sections if not section.text.strip()],
        open_comments=Comment.objects.filter(
            section__response=response, parent__isnull=True, resolved_at__isnull=True
        ).count(),
    )


@transaction.atomic
def submit_response(*, response: Response, actor) -> Response:
    """The lead hands the forum's response in: from now on it is read-only."""
    locked = Response.objects.select_for_update().get(pk=response.pk)
    if locked.is_submitted:
        raise ActionRefused("This response was already submitted.")
    missing = sections_without_stance(response)
    locked.status = ResponseStatus.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.submitted_by = actor
    locked.save(update_fields=["status", "submitted_at", "submitted_by"])
    audit.record(
        actor=actor,
        verb=audit.AuditVerb.RESPONSE_SUBMITTED,
        target=locked,
        report=response.report,
        data={"items_without_position": [s.item.heading for s in missing]},
    )
    response.status, response.submitted_at = locked.status, locked.submitted_at
    response.submitted_by = actor
    return response


@transaction.atomic
def reopen_response(*, response: Response, actor) -> Response:
    """The lead takes the response back for more drafting."""
    locked = Response.objects.select_for_update().get(pk=response.pk)
    if not locked.is_submitted:
        raise ActionRefused("This response is not submitted, so there is nothing to reopen.")
    locked.status = ResponseStatus.DRAFTING
    locked.submitted_at = None
    locked.submitted_by = None
    locked.save(update_fields=["status", "submitted_at", "submitted_by"])
    audit.record(
        actor=actor, verb=audit.AuditVerb.RESPONSE_REOPENED, target=locked, report=response.report
    )
    response.status, response.submitted_at, response.submitted_by = locked.status, None, None
    return response


# The drafting page ----------------------------------------------------------------------


@dataclass
class SectionEntry:
    """One section as the drafting page shows it: what is in the editor, the
    comments and who else has it open."""

    section: Section
    text: str
    stance: str
    base_revision_id: int | None
    threads: list[Comment] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)

    @classmethod
    def latest(cls, section: Section, **extra) -> "SectionEntry":
        return cls(
            section=section,
            text=section.text,
            stance=section.stance,
            base_revision_id=section.latest_revision_id,
            **extra,
        )

    @property
    def open_comments(self) -> int:
        """Open threads: a reply belongs to its thread and is resolved with it."""
        return sum(1 for thread in self.threads if not thread.is_resolved)

    @property
    def words(self) -> int:
        return word_count(self.text)

    @property
    def state(self) -> str:
        """ "Empty", "Drafted" or "Position taken", in words for the contents list."""
        if self.section.takes_stance and not self.section.lacks_position:
            return "Position taken"
        return "Drafted" if self.section.text.strip() else "Empty"


@dataclass
class DraftingPage:
    response: Response
    entries: list[SectionEntry]

    def texts(self, *, sections: bool) -> list[str]:
        """Every text the page renders from Markdown: the comments', and the sections'
        when they are read rather than edited."""
        texts = [entry.section.text for entry in self.entries] if sections else []
        for entry in self.entries:
            for thread in entry.threads:
                texts += [thread.body, *(reply.body for reply in thread.thread_replies)]
        return texts

    @property
    def without_stance(self) -> list[SectionEntry]:
        return [entry for entry in self.entries if entry.section.lacks_position]


def drafting_page(response: Response, *, viewer) -> DraftingPage:
    """Everything the response page shows, in three queries whatever its size."""
    sections = list(
        response.sections.select_related("item", "latest_revision__author").order_by("order")
    )
    threads: dict[int, list[Comment]] = {}
    by_pk: dict[int, Comment] = {}
    comments = Comment.objects.filter(section__response=response).select_related(
        "author", "resolved_by"
    )
    for comment in comments.order_by("created_at", "pk"):
        comment.thread_replies = []
        by_pk[comment.pk] = comment
        if comment.parent_id is None:
            threads.setdefault(comment.section_id, []).append(comment)
        elif comment.parent_id in by_pk:
            by_pk[comment.parent_id].thread_replies.append(comment)
    editors = editors_by_section(response, viewer=viewer)
    for section in sections:
        section.response = response
    entries = [
        SectionEntry.latest(
            section, threads=threads.get(section.pk, []), editors=editors.get(section.pk, [])
        )
        for section in sections
    ]
    return DraftingPage(response=response, entries=entries)
