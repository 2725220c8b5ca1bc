"""Comments on sections: remarks, replies, resolving and reopening them."""

from django.db import transaction
from django.utils import timezone

from . import audit
from .drafting import MAX_COMMENT_CHARS
from .models import Comment, Section
from .people import User
from .refusals import ActionRefused


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ActionRefused("Write something before posting the comment.")
    if len(body) > MAX_COMMENT_CHARS:
        raise ActionRefused(f"A comment can be at most {MAX_COMMENT_CHARS:,} characters long.")
    return body


@transaction.atomic
def add_comment(
    *, section: Section, body: str, actor: User, parent: Comment | None = None
) -> Comment:
    """A new remark on the section, or a reply to one of its comments."""
    if parent is not None:
        if parent.section_id != section.pk:
            raise ActionRefused("A reply belongs beside the comment it answers.")
        parent = parent.parent or parent  # replies to replies join the same thread
    return Comment.objects.create(
        section=section, author=actor, parent=parent, body=_clean_body(body)
    )


@transaction.atomic
def resolve_comment(*, comment: Comment, actor: User) -> Comment:
    """Mark the thread as dealt with; it stays readable."""
    if comment.is_resolved:
        return comment
    Comment.objects.filter(pk=comment.pk).update(resolved_at=timezone.now(), resolved_by=actor)
    comment.refresh_from_db()
    audit.record(actor=actor, verb=audit.AuditVerb.COMMENT_RESOLVED, target=comment)
    return comment


@transaction.atomic
def reopen_comment(*, comment: Comment, actor: User) -> Comment:
    """Open a resolved thread again."""
    if not comment.is_resolved:
        return comment
    Comment.objects.filter(pk=comment.pk).update(resolved_at=None, resolved_by=None)
    comment.refresh_from_db()
    audit.record(actor=actor, verb=audit.AuditVerb.COMMENT_REOPENED, target=comment)
    return comment
