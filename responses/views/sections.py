from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from .. import permissions
from ..drafting import (
    MAX_WORDS,
    SaveOutcome,
    SectionEntry,
    UnknownBaseRevision,
    check_word_limit,
    clash_of,
    restore_revision,
    save_section,
)
from ..forms import AfterSaveForm, CompareForm, PreviewForm, SectionForm
from ..models import Section, Stance
from ..refusals import ActionRefused
from ..revisions import word_diff
from .workspace import workspace_url


def _section_url(section: Section) -> str:
    return f"{section.response.get_absolute_url()}#section-{section.pk}"


def _next(request: HttpRequest) -> str:
    """The page the editor was on, as the form names it ("" for the response)."""
    after = AfterSaveForm(request.POST)
    return after.cleaned_data["next"] if after.is_valid() else ""


def _after_save_url(request: HttpRequest, section: Section) -> str:
    """Back to the page the editor was on: the response, or for the item sections of a
    forum that drafts from below its drafting workspace when the form says it came
    from there."""
    from_workspace = _next(request) == "workspace"
    if from_workspace and section.item is not None and section.response.forum.drafts_from_below:
        section.item.report = section.response.report
        return workspace_url(section.response.forum, section.item, request.POST)
    return _section_url(section)


def _merged_notice(outcome: SaveOutcome) -> str:
    return f"Your changes were merged with changes by {', '.join(outcome.merged_authors)}."


def _edit_context(
    section, *, text, stance, base_revision_id, outcome=None, error="", after=""
) -> dict:
    """The one-section editor after a save that did not simply go through: refused
    (the text stays in the editor) or clashing (both versions side by side)."""
    entry = SectionEntry(
        section=section, text=text, stance=stance, base_revision_id=base_revision_id
    )
    return {
        "response": section.response,
        "section": section,
        "entry": entry,
        "outcome": outcome,
        "error": error,
        "diff": word_diff(outcome.revision.text, text) if outcome else [],
        "can_edit": True,
        "stances": Stance.choices,
        "max_words": MAX_WORDS,
        "next": after,
    }


def _clash_context(request, section, outcome: SaveOutcome, text: str, stance: str) -> dict:
    """Both versions side by side, the editor based on the latest one."""
    return _edit_context(
        section,
        text=text,
        stance=stance,
        base_revision_id=outcome.revision.pk,
        outcome=outcome,
        after=_next(request),
    )


@login_required
@require_POST
def section_save(request: HttpRequest, pk: int) -> HttpResponse:
    form = SectionForm(request.POST)
    if not form.is_valid():
        permissions.get_section_for_save(request.user, pk)  # a stranger gets no hint
        raise Http404("No such revision.")
    text = form.cleaned_data["text"]
    stance = form.cleaned_data["stance"] or Stance.NO_POSITION
    base_id = form.cleaned_data["base_revision_id"]
    try:
        # The save reads the section under its lock and checks the permission there.
        outcome = save_section(
            section=Section(pk=pk),
            text=text,
            stance=stance,
            base_revision_id=base_id,
            actor=request.user,
            authorize=partial(permissions.check_section_save, request.user),
        )
    except (Section.DoesNotExist, UnknownBaseRevision) as unknown:
        raise Http404("No such section or revision.") from unknown
    except ActionRefused as refusal:
        section = permissions.get_section_for_save(request.user, pk)
        if request.htmx:
            return JsonResponse({"error": refusal.message}, status=422)
        context = _edit_context(
            section,
            text=text,
            stance=stance,
            base_revision_id=base_id,
            error=refusal.message,
            after=_next(request),
        )
        return render(request, "responses/section_edit.html", context, status=422)
    section = outcome.section
    if request.htmx:
        return JsonResponse(_outcome_data(request, section, outcome, text, stance))
    if outcome.is_conflict:
        context = _clash_context(request, section, outcome, text, stance)
        return render(request, "responses/section_edit.html", context)
    if outcome.merged_authors:
        messages.success(request, f"Saved. {_merged_notice(outcome)}")
    else:
        messages.success(request, f"Saved {section.heading}.")
    return redirect(_after_save_url(request, section))


def _outcome_data(request, section, outcome: SaveOutcome, text: str, stance: str) -> dict:
    """What the page's script needs to carry on after a save."""
    data = {
        "status": outcome.status,
        "revision": outcome.revision.pk,
        "own_revision": outcome.own_revision.pk,
        "text": outcome.revision.text,
        "stance": outcome.revision.stance,
        "saved_at": timezone.localtime(outcome.own_revision.created_at).strftime("%H:%M"),
        "merged_authors": outcome.merged_authors,
    }
    if outcome.merged_authors:
        data["notice"] = _merged_notice(outcome)
    if outcome.is_conflict:
        context = _clash_context(request, section, outcome, text, stance)
        data["html"] = render_to_string(
            "responses/section_edit.html#resolve", context, request=request
        )
    return data


@login_required
@require_POST
def section_preview(request: HttpRequest, pk: int) -> HttpResponse:
    permissions.get_section_for_save(request.user, pk)
    form = PreviewForm(request.POST)
    text = form.cleaned_data["text"] if form.is_valid() else ""
    template = "responses/response_detail.html#section_preview"
    try:
        check_word_limit(text)
    except ActionRefused as refusal:
        return render(request, template, {"error": refusal.message}, status=422)
    return render(request, template, {"text": text})


# Versions listed on one page of a section's history: autosaving makes hundreds.
HISTORY_PAGE = 50


@login_required
def section_history(request: HttpRequest, pk: int) -> HttpResponse:
    section = permissions.get_section_for_view(request.user, pk)
    every = (
        section.revisions.select_related("author", "base")
        .defer("base__text")  # only the base's stance is shown
        .order_by("-created_at", "-pk")
    )
    page = Paginator(every, HISTORY_PAGE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    form = CompareForm(request.GET)
    older = newer = None
    if form.is_valid() and form.cleaned_data["older"] and form.cleaned_data["newer"]:
        older = permissions.get_revision_of_section(section, form.cleaned_data["older"])
        newer = permissions.get_revision_of_section(section, form.cleaned_data["newer"])
    elif page.paginator.count >= 2:
        # The latest against the one before: the first page's own first two.
        newer, older = shown[:2] if page.number == 1 else every[:2]
    # The versions offered for comparing: this page's, and the two compared.
    choices = {revision.pk: revision for revision in [*shown, older, newer] if revision}
    return render(
        request,
        "responses/section_history.html",
        {
            "response": section.response,
            "section": section,
            "page": page,
            "revisions": shown,
            "choices": sorted(choices.values(), key=lambda r: (r.created_at, r.pk), reverse=True),
            "older": older,
            "newer": newer,
            "diff": word_diff(older.text, newer.text) if older and newer else [],
            "can_edit": permissions.can_edit_response(request.user, section.response),
        },
    )


@login_required
@require_POST
def revision_restore(request: HttpRequest, pk: int, revision_pk: int) -> HttpResponse:
    section = permissions.get_section_for_save(request.user, pk)
    revision = permissions.get_revision_of_section(section, revision_pk)
    try:
        restore_revision(section=section, revision=revision, actor=request.user)
    except ActionRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("section_history", pk=section.pk)
    messages.success(
        request, f"Restored the revision of {revision.created_at:%-d %B at %H:%M} as the latest."
    )
    return redirect(_section_url(section))


@login_required
def section_clash(request: HttpRequest, pk: int, revision_pk: int) -> HttpResponse:
    """A text kept aside because it clashed (brought in from a document, say), beside
    the latest revision: the user resolves it as right after a save that clashed."""
    section, kept = permissions.get_kept_revision_for_edit(request.user, pk, revision_pk)
    try:
        outcome = clash_of(section=section, kept=kept, actor=request.user)
    except UnknownBaseRevision as unknown:
        raise Http404("No such clash.") from unknown
    context = _clash_context(request, section, outcome, kept.text, kept.stance)
    return render(request, "responses/section_edit.html", context)
