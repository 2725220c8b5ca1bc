"""The drafting workspace: one item of a forum's response, beside the forums below it."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import merging, permissions, workspace
from ..drafting import MAX_WORDS, SectionEntry
from ..forms import TypedTextField
from ..models import Stance
from ..positions import STANCE_ICONS
from ..rendering import prefetched


class WorkspaceFilterForm(forms.Form):
    """Which forums below to show (and to assemble from)."""

    position = forms.ChoiceField(
        label="Position",
        required=False,
        choices=[("", "Any position"), *merging.stance_filters()],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    status = forms.ChoiceField(
        label="Response",
        required=False,
        choices=[("", "Submitted or draft"), *merging.STATUS_FILTERS.items()],
        widget=forms.Select(attrs={"class": "form-select"}),
    )


class EditorStateForm(forms.Form):
    """What the shared editor held when "Assemble" or "Use this" was pressed: the
    text and stance as typed, and the revision they grew from."""

    text = TypedTextField()
    stance = forms.ChoiceField(required=False, choices=Stance.choices)
    base_revision_id = forms.IntegerField(required=False, min_value=1)


class UseParagraphForm(EditorStateForm):
    """ "Use this": which paragraph from below, and where the caret was (set by script)."""

    use = forms.RegexField(regex=r"^\d{1,18}:\d{1,4}$")
    cursor = forms.IntegerField(required=False, min_value=0)

    def clean(self):
        data = super().clean()
        if "use" in data:
            revision_id, index = data["use"].split(":")
            data["revision_id"], data["index"] = int(revision_id), int(index)
        return data


def workspace_url(forum, item, data, **extra) -> str:
    """The workspace for the item, with the filters found in `data` (a GET or POST)."""
    return _workspace_url(forum, item, _filters(data), **extra)


def _workspace_url(forum, item, filters: dict, **extra) -> str:
    url = reverse(
        "workspace_item",
        kwargs={"slug": item.report.slug, "forum_slug": forum.slug, "item_pk": item.pk},
    )
    query = {key: value for key, value in {**filters, **extra}.items() if value not in ("", None)}
    return f"{url}?{urlencode(query)}#forum-editor" if query else f"{url}#forum-editor"


def _filters(data) -> dict:
    form = WorkspaceFilterForm(data)
    return form.cleaned_data if form.is_valid() else {"position": "", "status": ""}


def _shown(filters: dict) -> dict:
    return {"stance": filters["position"], "status": filters["status"]}


@login_required
def workspace_item(request: HttpRequest, slug: str, forum_slug: str, item_pk: int) -> HttpResponse:
    forum, item = permissions.get_item_for_workspace(request.user, slug, forum_slug, item_pk)
    filter_form = WorkspaceFilterForm(request.GET or None)
    filters = _filters(request.GET)
    shown = workspace.item_workspace(report=item.report, forum=forum, item=item, **_shown(filters))
    section = shown.section
    with prefetched(shown.texts):
        return render(
            request,
            "positions/item.html",
            {
                "report": item.report,
                "forum": forum,
                "item": item,
                "workspace": shown,
                "entry": SectionEntry.latest(section) if section else None,
                "stances": Stance.choices,
                "max_words": MAX_WORDS,
                "filter_form": filter_form,
                "filters": filters,
                "icons": STANCE_ICONS,
                "caret": request.GET.get("caret", ""),
                "can_draft": permissions.can_draft_from_below(request.user, item.report, forum),
            },
        )


def _not_saved(request: HttpRequest, not_saved: workspace.NotSaved) -> None:
    """Say what kept the text from being saved: the save's own refusal (over the word
    limit, say), a clash with someone else, or a clash with the user's own later save."""
    if not_saved.refusal is not None:
        message = not_saved.refusal.message
    elif not_saved.clashed_with_others:
        message = (
            "Someone else changed the same words of this section since you opened it. "
            "Their text is shown below; yours is kept in the section's history."
        )
    else:
        message = (
            "You saved other words in the same place since this page was opened (in "
            "another tab or window, or before the page reloaded). Your later text is "
            "shown below; this one is kept in the section's history."
        )
    messages.error(request, message)


def _for_edit(request: HttpRequest, slug: str, forum_slug: str, item_pk: int):
    return permissions.get_item_for_workspace_edit(request.user, slug, forum_slug, item_pk)


@login_required
@require_POST
def workspace_item_start(
    request: HttpRequest, slug: str, forum_slug: str, item_pk: int
) -> HttpResponse:
    forum, item = _for_edit(request, slug, forum_slug, item_pk)
    workspace.start_section(report=item.report, forum=forum, item=item, actor=request.user)
    messages.success(request, f"{forum.possessive} text for this item is open for drafting.")
    return redirect(workspace_url(forum, item, request.POST))


@login_required
@require_POST
def workspace_item_assemble(
    request: HttpRequest, slug: str, forum_slug: str, item_pk: int
) -> HttpResponse:
    forum, item = _for_edit(request, slug, forum_slug, item_pk)
    editor = EditorStateForm(request.POST)
    if not editor.is_valid():
        messages.error(request, "The draft could not be assembled: please try again.")
        return redirect(workspace_url(forum, item, request.POST))
    filters = _filters(request.POST)
    revision = workspace.assemble_starting_draft(
        report=item.report,
        forum=forum,
        item=item,
        typed_text=editor.cleaned_data["text"] if "text" in request.POST else None,
        typed_stance=editor.cleaned_data["stance"],
        base_revision_id=editor.cleaned_data["base_revision_id"],
        actor=request.user,
        **_shown(filters),
    )
    if isinstance(revision, workspace.NotSaved):
        _not_saved(request, revision)
    else:
        messages.success(
            request,
            f"A starting draft was assembled from the {forum.below_word} and saved. "
            "Any earlier text stays in the section's history.",
        )
    return redirect(_workspace_url(forum, item, filters))


@login_required
@require_POST
def workspace_item_use(
    request: HttpRequest, slug: str, forum_slug: str, item_pk: int
) -> HttpResponse:
    forum, item = _for_edit(request, slug, forum_slug, item_pk)
    use = UseParagraphForm(request.POST)
    filters = _filters(request.POST)
    if not use.is_valid():
        messages.error(request, "That paragraph could not be used: please try again.")
        return redirect(_workspace_url(forum, item, filters))
    try:
        point = workspace.source_paragraph(
            report=item.report,
            forum=forum,
            item=item,
            revision_id=use.cleaned_data["revision_id"],
            index=use.cleaned_data["index"],
        )
    except merging.UnknownParagraph:
        messages.error(request, "That paragraph is not one of this item's.")
        return redirect(_workspace_url(forum, item, filters))
    revision, caret = workspace.use_paragraph(
        report=item.report,
        forum=forum,
        item=item,
        point=point,
        text=use.cleaned_data["text"] if "text" in request.POST else None,
        stance=use.cleaned_data["stance"],
        cursor=use.cleaned_data["cursor"],
        base_revision_id=use.cleaned_data["base_revision_id"],
        actor=request.user,
    )
    if isinstance(revision, workspace.NotSaved):
        _not_saved(request, revision)
        return redirect(_workspace_url(forum, item, filters))
    messages.success(request, f"{point.forum.possessive} paragraph was added and saved.")
    return redirect(_workspace_url(forum, item, filters, caret=caret))
