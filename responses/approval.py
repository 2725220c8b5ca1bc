"""Approving national sections: an approval is for one exact revision.

A section is approved when the number of distinct steering members with an active
approval of its latest revision reaches the report's quorum. Nothing stores
"approved": it is computed from the approvals of the latest revision, so an edit
(a new latest revision) leaves the old approvals on the record but no longer counting.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import audit, notifications
from .models import Approval, Response, Revision, Section
from .names import display_name
from .people import User
from .revisions import DiffPart, word_diff


class StaleApproval(Exception):
    """The revision shown to the approver is no longer the section's latest."""

    message = (
        "This section was edited after you opened the page, so your approval was not "
        "recorded. Read the current text and approve again."
    )


class NotApproving(Exception):
    """The person has no approval of the latest revision to withdraw."""


def approval_anchor(section: Section) -> str:
    """The overview's place for a section: its id, the link to it, and where the
    messages about approving it show."""
    return f"approval-{section.pk}"


@dataclass
class SectionApproval:
    section: Section
    quorum: int
    current: list[Approval] = field(default_factory=list)
    earlier: list[Approval] = field(default_factory=list)
    viewer_approved: bool = False

    @property
    def anchor(self) -> str:
        return approval_anchor(self.section)

    @property
    def count(self) -> int:
        return len({approval.approver_id for approval in self.current})

    @property
    def approved(self) -> bool:
        return self.section.latest_revision_id is not None and self.count >= self.quorum

    @property
    def approvers(self) -> list[str]:
        return [display_name(approval.approver) for approval in self.current]

    @property
    def earlier_revision(self) -> Revision | None:
        """The most recent superseded revision that had approvals, if any."""
        return self.earlier[-1].revision if self.earlier else None

    @property
    def changes_since_approval(self) -> list[DiffPart]:
        """Word by word, from the text last approved to the current text."""
        revision = self.earlier_revision
        if revision is None:
            return []
        return word_diff(revision.text, self.section.text)

    @property
    def earlier_approvers(self) -> list[str]:
        revision = self.earlier_revision
        if revision is None:
            return []
        return [display_name(a.approver) for a in self.earlier if a.revision_id == revision.pk]


@dataclass
class StatementApproval:
    statement: Response
    sections: list[SectionApproval]

    @property
    def all_approved(self) -> bool:
        return bool(self.sections) and all(s.approved for s in self.sections)

    @property
    def texts(self) -> list[str]:
        """The sections' texts, which the overview shows rendered."""
        return [state.section.text for state in self.sections]

    @property
    def left_to_approve(self) -> list[SectionApproval]:
        return [s for s in self.sections if not s.approved]

    @property
    def without_position(self) -> list[SectionApproval]:
        """Items where the statement still says "No position yet": allowed, approval
        is the gate, but worth a second look before it is published."""
        return [s for s in self.sections if s.section.lacks_position]


def statement_approval(statement: Response, *, viewer: User | None = None) -> StatementApproval:
    """Every section of the statement with its approval state, in two queries."""
    quorum = statement.report.approval_quorum
    sections = list(
        statement.sections.select_related("item", "latest_revision__author").order_by("order")
    )
    approvals = (
        Approval.objects.filter(revision__section__in=sections, withdrawn_at__isnull=True)
        .select_related("approver", "revision")
        .order_by("revision__created_at", "revision_id", "created_at")
    )
    states = {section.pk: SectionApproval(section=section, quorum=quorum) for section in sections}
    for approval in approvals:
        state = states[approval.revision.section_id]
        if approval.revision_id == state.section.latest_revision_id:
            state.current.append(approval)
            if viewer is not None and approval.approver_id == viewer.pk:
                state.viewer_approved = True
        else:
            state.earlier.append(approval)
    return StatementApproval(statement=statement, sections=list(states.values()))


def _locked_latest_revision_id(section: Section) -> int | None:
    # On PostgreSQL the row lock makes a concurrent save wait until this decision is
    # made; SQLite's immediate transactions already serialise writers.
    return (
        Section.objects.select_for_update()
        .values_list("latest_revision_id", flat=True)
        .get(pk=section.pk)
    )


@transaction.atomic
def approve_section(*, section: Section, revision_id: int | None, actor: User) -> Approval:
    """Approve the revision the approver read; refuse if it is no longer the latest."""
    if _locked_latest_revision_id(section) != revision_id or revision_id is None:
        raise StaleApproval
    existing = Approval.objects.filter(
        revision_id=revision_id, approver=actor, withdrawn_at__isnull=True
    ).first()
    if existing is not None:
        return existing  # approving twice counts once
    try:
        with transaction.atomic():
            approval = Approval.objects.create(revision_id=revision_id, approver=actor)
    except IntegrityError:
        return Approval.objects.get(
            revision_id=revision_id, approver=actor, withdrawn_at__isnull=True
        )
    report = section.response.report
    audit.record(
        actor=actor,
        verb=audit.AuditVerb.APPROVAL_GIVEN,
        target=section,
        report=report,
        data={"revision": revision_id},
    )
    count = (
        Approval.objects.filter(revision_id=revision_id, withdrawn_at__isnull=True)
        .values("approver")
        .distinct()
        .count()
    )
    if count == report.approval_quorum:
        notifications.section_approved(section=section)
    return approval


@transaction.atomic
def withdraw_approval(*, section: Section, actor: User) -> Approval:
    """Withdraw the person's approval of the section's latest revision."""
    latest = _locked_latest_revision_id(section)
    if latest is None:
        raise NotApproving  # nothing written yet, so nothing approved
    approval = Approval.objects.filter(
        revision_id=latest, approver=actor, withdrawn_at__isnull=True
    ).first()
    if approval is None:
        raise NotApproving
    approval.withdrawn_at = timezone.now()
    approval.save(update_fields=["withdrawn_at"])
    audit.record(
        actor=actor,
        verb=audit.AuditVerb.APPROVAL_WITHDRAWN,
        target=section,
        report=section.response.report,
        data={"revision": latest},
    )
    return approval


def void_superseded_approvals(
    *, section: Section, previous_revision_id: int | None, actor: User
) -> None:
    """Put on the record that an edit voided the approvals of the previous revision.

    Called by the save that replaced `previous_revision_id` as the latest, inside its
    transaction. The approvals themselves stay, tied to the old revision.
    """
    if previous_revision_id is None or not section.response.forum.is_national:
        return  # only the statement's sections are approved
    approvers = list(
        Approval.objects.filter(revision_id=previous_revision_id, withdrawn_at__isnull=True)
        .select_related("approver")
        .order_by("created_at")
    )
    if not approvers:
        return
    audit.record(
        actor=actor,
        verb=audit.AuditVerb.APPROVAL_VOIDED,
        target=section,
        report=section.response.report,
        data={
            "revision": previous_revision_id,
            "approvers": [display_name(a.approver) for a in approvers],
        },
    )


@transaction.atomic
def request_approval(*, statement: Response, actor: User) -> None:
    """Ask the steering group, by email, to approve what is left."""
    left = [s.section.heading for s in statement_approval(statement).left_to_approve]
    audit.record(
        actor=actor,
        verb=audit.AuditVerb.APPROVAL_REQUESTED,
        target=statement,
        report=statement.report,
        data={"sections": left},
    )
    notifications.approval_requested(statement=statement, actor=actor, sections=left)
