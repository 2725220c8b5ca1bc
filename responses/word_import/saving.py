"""Confirming a response brought in from Word: each section that gets text is saved
through the drafting page's own save, from the revision the preview was made on."""

from dataclasses import dataclass, field
from functools import partial

from django.db import transaction

from .. import audit, permissions
from ..drafting import SaveOutcome, check_section_text, save_section
from ..models import AuditVerb, Response, Revision, RevisionKind
from ..refusals import ActionRefused
from .preview import Plan, PlanError, new_text, stance_for, stance_found


@dataclass
class BroughtIn:
    """What became of each section the import brought text to."""

    saved: list[SaveOutcome] = field(default_factory=list)
    merged: list[SaveOutcome] = field(default_factory=list)
    clashes: list[SaveOutcome] = field(default_factory=list)

    @property
    def sections(self) -> int:
        return len(self.saved) + len(self.merged) + len(self.clashes)


@transaction.atomic
def bring_in_response(*, response: Response, plan: Plan, actor) -> BroughtIn:
    """Save the plan's text and stances into the response, in one transaction with its
    audit event. Each section is merged with what was saved since the preview; where
    they clash both texts are kept (see `save_section`) and the outcome says so."""
    if plan.response != response.pk:
        raise PlanError("This preview is for another response.")
    if plan.not_placed:
        raise PlanError("Some text is not placed yet: choose a section for it, or leave it out.")
    sections = [
        section
        for section in response.sections.select_related("item", "latest_revision").order_by("order")
        if plan.placed(section.pk)
    ]
    if not sections:
        raise PlanError("Nothing is placed in any section: there is nothing to bring in.")
    base_ids = [plan.bases[str(section.pk)] for section in sections]
    bases = Revision.objects.in_bulk([pk for pk in base_ids if pk is not None])
    writes = []
    for section, base_id in zip(sections, base_ids, strict=True):
        section.response = response
        base = bases.get(base_id)
        text = new_text(plan, section.pk, base.text if base else "")
        stance = stance_for(plan, section, stance_found(plan, section.pk))
        try:
            check_section_text(text, stance)
        except ActionRefused as refusal:
            raise ActionRefused(f"{section.heading}: {refusal.message}") from refusal
        writes.append((section, text, stance, base_id))
    result = BroughtIn()
    for section, text, stance, base_id in writes:
        outcome = save_section(
            section=section,
            text=text,
            stance=stance,
            base_revision_id=base_id,
            actor=actor,
            authorize=partial(permissions.check_section_save, actor),
            kind=RevisionKind.IMPORTED,
        )
        outcome.section = section
        if outcome.is_conflict:
            result.clashes.append(outcome)
        elif outcome.status == "merged":
            result.merged.append(outcome)
        else:
            result.saved.append(outcome)
    audit.record(
        actor=actor,
        verb=AuditVerb.RESPONSE_BROUGHT_IN,
        target=response,
        report=response.report,
        data={
            "from": plan.source,
            "sections": [outcome.section.heading for outcome in result.saved + result.merged],
            "clashes_to_resolve": [outcome.section.heading for outcome in result.clashes],
            "words_placed": plan.words_placed,
            "words_left_out": plan.words_left_out,
        },
    )
    return result
