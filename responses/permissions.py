"""Who may do what. The one place that answers every permission question.

Views fetch objects through the `get_*_for_*` helpers here (a 404 when the user may
not see the object at all, a 403 when they may see it but not do this to it), and
templates receive booleans computed here. Nothing else decides access.
"""

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from .models import (
    ApiToken,
    Comment,
    Forum,
    ForumKind,
    Invitation,
    Item,
    Membership,
    Report,
    ReportImport,
    Response,
    Revision,
    Role,
    Section,
)
from .people import Person

_ROLES_CACHE = "_nnpcf_forum_roles"


_Row = TypeVar("_Row", bound=Model)
_PeopleRow = TypeVar("_PeopleRow", Invitation, Membership)


def _one(rows: QuerySet[_Row]) -> _Row | None:
    """The row a unique key picks, or None, without the model's default ordering:
    working that out (through related models) costs more than the lookup itself."""
    return rows.order_by().first()


def forum_roles(user: Person) -> dict[int, str]:
    """The user's role in each forum they belong to: {forum_id: role}.

    Cached on the user object, so one request asks the database once.
    """
    if not user.is_authenticated or not user.is_active:
        return {}
    roles = getattr(user, _ROLES_CACHE, None)
    if roles is None:
        roles = dict(user.memberships.values_list("forum_id", "role"))
        setattr(user, _ROLES_CACHE, roles)
    return roles


def forget_roles(user: Person) -> None:
    """Drop the cached roles after a membership change."""
    if hasattr(user, _ROLES_CACHE):
        delattr(user, _ROLES_CACHE)


def is_administrator(user: Person) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def is_steering(user: Person) -> bool:
    return Role.STEERING in forum_roles(user).values()


def sees_every_forum(user: Person) -> bool:
    """Steering members and administrators see every forum's work."""
    return is_administrator(user) or is_steering(user)


def is_forum_member(user: Person) -> bool:
    return bool(forum_roles(user))


# Reports -------------------------------------------------------------------------


def can_view_report(user: Person, report: Report) -> bool:
    return is_administrator(user) or is_forum_member(user)


def visible_reports(user: Person) -> QuerySet[Report]:
    if is_administrator(user) or is_forum_member(user):
        return Report.objects.all()
    return Report.objects.none()


def get_report_for_view(user: Person, slug: str) -> Report:
    report = _one(Report.objects.filter(slug=slug))
    if report is None or not can_view_report(user, report):
        raise Http404("No such report.")
    return report


def can_import_report(user: Person) -> bool:
    """Create a report by importing its document: administrators and steering members."""
    return is_administrator(user) or is_steering(user)


def require_report_import(user: Person) -> None:
    if not can_import_report(user):
        raise PermissionDenied("Only administrators and steering members import reports.")


def get_report_import_for_edit(user: Person, pk: int) -> ReportImport:
    """One's own import only: someone else's is a 404, as if it did not exist."""
    require_report_import(user)
    assert user.is_authenticated  # importers are signed in: this tells the type checker
    report_import = _one(ReportImport.objects.filter(pk=pk, owner=user))
    if report_import is None:
        raise Http404("No such import.")
    return report_import


# Forums --------------------------------------------------------------------------


def own_forum_ids(user: Person) -> set[int]:
    return set(forum_roles(user))


def visible_forums(user: Person) -> QuerySet[Forum]:
    """The forums whose progress the user may follow: their own, and the forums one
    level below their own (a region's people follow its local forums)."""
    if sees_every_forum(user):
        return Forum.objects.all()
    own = own_forum_ids(user)
    return Forum.objects.filter(Q(pk__in=own) | Q(parent_id__in=own))


def can_see_forum(user: Person, forum: Forum) -> bool:
    own = own_forum_ids(user)
    return sees_every_forum(user) or forum.pk in own or forum.parent_id in own


# People: members, leads and invitations --------------------------------------------


def can_manage_people(user: Person, forum: Forum) -> bool:
    """Invite people, change roles, remove members: a forum's leads run their own
    forum's people; the steering group's membership is run by administrators."""
    if is_administrator(user):
        return True
    return not forum.is_national and forum_roles(user).get(forum.pk) == Role.LEAD


def forums_whose_people_they_run(user: Person) -> list[Forum]:
    """For the dashboard's links: the forums a lead runs the people of, and for
    administrators the steering group (any other forum they reach from its page)."""
    if is_administrator(user):
        wanted = Q(kind=ForumKind.NATIONAL) | Q(pk__in=own_forum_ids(user))
    else:
        led = [pk for pk, role in forum_roles(user).items() if role == Role.LEAD]
        if not led:
            return []
        wanted = Q(pk__in=led) & ~Q(kind=ForumKind.NATIONAL)
    return list(Forum.objects.filter(wanted).order_by("name"))


def get_forum_for_people(user: Person, slug: str) -> Forum:
    """A 404 for a forum the user may not see at all, a 403 for one they may see but
    whose people they do not run."""
    forum = _one(Forum.objects.filter(slug=slug))
    if forum is None or not can_see_forum(user, forum):
        raise Http404("No such forum.")
    if not can_manage_people(user, forum):
        raise PermissionDenied("Only the forum's leads manage its people.")
    return forum


def _for_people(user: Person, row: _PeopleRow | None, missing: str) -> _PeopleRow:
    """An invitation or membership, by the rule of its forum: 404 when the user may not
    see the forum, 403 when they do not run its people."""
    if row is None or not can_see_forum(user, row.forum):
        raise Http404(missing)
    if not can_manage_people(user, row.forum):
        raise PermissionDenied("Only the forum's leads manage its people.")
    return row


def get_invitation_for_people(user: Person, pk: int) -> Invitation:
    invitation = _one(Invitation.objects.select_related("forum").filter(pk=pk))
    return _for_people(user, invitation, "No such invitation.")


def get_membership_for_people(user: Person, pk: int) -> Membership:
    membership = _one(Membership.objects.select_related("forum", "user").filter(pk=pk))
    return _for_people(user, membership, "No such member.")


# Responses -----------------------------------------------------------------------


def can_view_response(user: Person, response: Response) -> bool:
    """Steering reads everything; a forum's people read its response and the responses
    of the forums one level below theirs (a region reads its local forums)."""
    return can_see_forum(user, response.forum)


def can_draft_for_forum(user: Person, forum: Forum) -> bool:
    """May write this forum's text (whatever the state of its response)."""
    if is_administrator(user):
        return True
    role = forum_roles(user).get(forum.pk)
    if forum.is_national:
        return role == Role.STEERING
    return role in (Role.MEMBER, Role.LEAD)


def can_start_response(user: Person, forum: Forum) -> bool:
    return can_draft_for_forum(user, forum)


def can_edit_response(user: Person, response: Response) -> bool:
    """Write sections of this response now: drafting, and the user drafts for it."""
    return not response.is_submitted and can_draft_for_forum(user, response.forum)


def can_submit_response(user: Person, response: Response) -> bool:
    """Leads submit (and reopen) their forum's response; the statement is published
    instead."""
    if response.forum.is_national:
        return False
    return is_administrator(user) or forum_roles(user).get(response.forum_id) == Role.LEAD


def visible_responses(user: Person) -> QuerySet[Response]:
    """Every response the user may read (`can_view_response`), with its report and
    forum."""
    responses = Response.objects.select_related("report", "forum")
    if sees_every_forum(user):
        return responses
    return responses.filter(forum__in=visible_forums(user))


def get_response_for_view(user: Person, pk: int) -> Response:
    response = _one(Response.objects.select_related("report", "forum").filter(pk=pk))
    if response is None or not can_view_response(user, response):
        raise Http404("No such response.")
    return response


def get_response_for_edit(user: Person, pk: int) -> Response:
    response = get_response_for_view(user, pk)
    if not can_edit_response(user, response):
        raise PermissionDenied("You cannot edit this response.")
    return response


def get_response_for_submit(user: Person, pk: int) -> Response:
    response = get_response_for_view(user, pk)
    if not can_submit_response(user, response):
        raise PermissionDenied("Only the forum lead can submit or reopen this response.")
    return response


def can_bring_in_response(user: Person, response: Response) -> bool:
    """Bring text drafted offline (a Word file, pasted text) into the response: those
    who may edit it now, as if they typed it."""
    return can_edit_response(user, response)


def get_response_for_bringing_in(user: Person, pk: int) -> Response:
    response = get_response_for_view(user, pk)
    if not can_bring_in_response(user, response):
        raise PermissionDenied("You cannot bring text into this response.")
    return response


def get_forum_for_start(user: Person, slug: str) -> Forum:
    forum = _one(Forum.objects.filter(slug=slug))
    if forum is None or not can_see_forum(user, forum):
        raise Http404("No such forum.")
    if not can_start_response(user, forum):
        raise PermissionDenied("You cannot start a response for this forum.")
    return forum


# Sections ------------------------------------------------------------------------


def _section_query(*, with_text: bool = True) -> QuerySet[Section]:
    related = ["response__report", "response__forum", "item"]
    if with_text:
        related.append("latest_revision__author")
    return Section.objects.select_related(*related)


def get_section_for_view(user: Person, pk: int, *, with_text: bool = True) -> Section:
    section = _one(_section_query(with_text=with_text).filter(pk=pk))
    if section is None or not can_view_response(user, section.response):
        raise Http404("No such section.")
    return section


def readable_sections(user: Person) -> QuerySet[Section]:
    """Every section the user may read: those of the responses `can_view_response`
    lets them read, as one query (for search)."""
    if sees_every_forum(user):
        return Section.objects.all()
    return Section.objects.filter(response__forum__in=visible_forums(user))


def get_section_for_edit(user: Person, pk: int) -> Section:
    section = get_section_for_view(user, pk)
    if not can_edit_response(user, section.response):
        raise PermissionDenied("You cannot edit this section.")
    return section


# The statement: approval, publication, the record ------------------------------


def can_follow_statement(user: Person) -> bool:
    """See the statement's approval overview: steering members and administrators."""
    return sees_every_forum(user)


def can_approve(user: Person) -> bool:
    """Approvals count steering members: only they approve and publish."""
    return is_steering(user)


def can_publish(user: Person) -> bool:
    return is_steering(user)


def can_view_audit_log(user: Person) -> bool:
    return sees_every_forum(user)


def get_report_for_statement(user: Person, slug: str) -> Report:
    report = _one(Report.objects.filter(slug=slug))
    if report is None or not can_follow_statement(user):
        raise Http404("No such report.")
    return report


def get_statement_section_for_approval(user: Person, pk: int) -> Section:
    section = get_section_for_view(user, pk)
    if not section.response.is_statement:
        raise Http404("Only sections of the national statement are approved.")
    if not can_approve(user):
        raise PermissionDenied("Only steering group members approve the statement.")
    return section


def get_report_for_publishing(user: Person, slug: str) -> Report:
    report = get_report_for_statement(user, slug)
    if not can_publish(user):
        raise PermissionDenied("Only steering group members publish the statement.")
    return report


def get_revision_of_section(section: Section, pk: int) -> Revision:
    """One of this section's revisions; any other id is a 404."""
    revision = _one(section.revisions.select_related("author").filter(pk=pk))
    if revision is None:
        raise Http404("No such revision.")
    return revision


def get_kept_revision_for_edit(user: Person, pk: int, revision_pk: int) -> tuple[Section, Revision]:
    """A section the user edits and one of its revisions, to resolve a clash with."""
    section = get_section_for_edit(user, pk)
    return section, get_revision_of_section(section, revision_pk)


# Comments ------------------------------------------------------------------------


def can_comment(user: Person, response: Response) -> bool:
    """Those who draft the response discuss it, submitted or not."""
    return can_draft_for_forum(user, response.forum)


def get_section_for_comment(user: Person, pk: int) -> Section:
    section = get_section_for_view(user, pk)
    if not can_comment(user, section.response):
        raise PermissionDenied("You cannot comment on this section.")
    return section


def get_comment_for_edit(user: Person, pk: int) -> Comment:
    comment = (
        Comment.objects.select_related("section__response__forum", "section__response__report")
        .filter(pk=pk)
        .first()
    )
    if comment is None or not can_view_response(user, comment.section.response):
        raise Http404("No such comment.")
    if not can_comment(user, comment.section.response):
        raise PermissionDenied("You cannot change this comment.")
    return comment


def get_section_for_save(user: Person, pk: int) -> Section:
    """A section the user drafts for. Whether the response is still open for drafting
    is drafting's rule, so that a save on a submitted response gets its reason.

    Saving reads the latest revision again under its lock, so this leaves it out."""
    section = _one(_section_query(with_text=False).filter(pk=pk))
    if section is None:
        raise Http404("No such section.")
    check_section_save(user, section)
    return section


def check_section_save(user: Person, section: Section) -> None:
    """Refuse a save of a section already read: 404 when the user may not see it, 403
    when they see it but do not draft for its forum. Needs its response and forum."""
    if not can_view_response(user, section.response):
        raise Http404("No such section.")
    if not can_draft_for_forum(user, section.response.forum):
        raise PermissionDenied("You cannot edit this section.")


# Drafting from the forums below: positions and the workspace ----------------------


def can_see_positions(user: Person, forum: Forum) -> bool:
    """The positions of the forums below `forum` and their text side by side: the
    steering group's view of the whole network, and a region's people's view of its
    local forums."""
    if not forum.drafts_from_below:
        return False
    return sees_every_forum(user) or forum.pk in own_forum_ids(user)


def can_draft_from_below(user: Person, report: Report, forum: Forum) -> bool:
    """Write the forum's sections from the workspace (its response is started on the
    first write): those who draft for the forum, while it is not submitted."""
    if not (forum.drafts_from_below and can_draft_for_forum(user, forum)):
        return False
    response = _one(Response.objects.filter(report=report, forum=forum))
    if response is None:
        return True
    response.forum = forum
    return can_edit_response(user, response)


def get_forum_for_positions(user: Person, slug: str, forum_slug: str) -> tuple[Report, Forum]:
    """A 404 for a report the user may not see or a forum with nobody below it, a 403
    for a forum whose forums below they may not follow."""
    report = get_report_for_view(user, slug)
    forum = _one(Forum.objects.filter(slug=forum_slug))
    if forum is None or not forum.drafts_from_below:
        raise Http404("No such forum.")
    if not can_see_positions(user, forum):
        raise PermissionDenied(f"Only {forum.possessive} own people see these positions.")
    return report, forum


def get_item_for_workspace(
    user: Person, slug: str, forum_slug: str, item_pk: int
) -> tuple[Forum, Item]:
    """An item of the report, for `forum`'s drafting workspace."""
    report, forum = get_forum_for_positions(user, slug, forum_slug)
    item = _one(report.items.filter(pk=item_pk))
    if item is None:
        raise Http404("No such item.")
    item.report = report
    return forum, item


def get_item_for_workspace_edit(
    user: Person, slug: str, forum_slug: str, item_pk: int
) -> tuple[Forum, Item]:
    forum, item = get_item_for_workspace(user, slug, forum_slug, item_pk)
    if not can_draft_from_below(user, item.report, forum):
        raise PermissionDenied(f"You cannot draft {forum.possessive} response.")
    return forum, item


def positions_forums(user: Person) -> list[Forum]:
    """The forums whose positions page the report page links to: the national network
    for the steering group (each region is one click further), a region for its own
    people."""
    if sees_every_forum(user):
        rows = Forum.objects.filter(kind=ForumKind.NATIONAL)
    else:
        rows = Forum.objects.filter(
            pk__in=own_forum_ids(user), kind__in=[ForumKind.NATIONAL, ForumKind.REGION]
        )
    return [forum for forum in rows.order_by("kind", "name") if can_see_positions(user, forum)]


# The API: personal tokens --------------------------------------------------------


def get_api_token_for_revoke(user: Person, pk: int) -> ApiToken:
    """One's own token that still works: anyone else's is a 404, as if it did not
    exist."""
    token = None
    if user.is_authenticated:
        token = _one(ApiToken.objects.filter(pk=pk, person=user, revoked_at__isnull=True))
    if token is None:
        raise Http404("No such token.")
    return token
