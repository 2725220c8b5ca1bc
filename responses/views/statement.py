"""The national drafting workspace: one item of the statement, beside every region."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import merging, permissions
from ..models import Stance
from ..positions import STANCE_ICONS


class WorkspaceFilterForm(forms.Form):
    """Which regions to show (and to assemble from)."""

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


class NationalSectionForm(forms.Form):
    """The national editor: a plain form that works without JavaScript."""

    text = forms.CharField(
        label="National text",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16}),
    )
    stance = forms.ChoiceField(
        label="The network’s position",
        choices=Stance.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    base_revision_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # The filters in force, so that the page comes back as it was.
    position = forms.CharField(required=False, widget=forms.HiddenInput)
    status = forms.CharField(required=False, widget=forms.HiddenInput)


class UseParagraphForm(forms.Form):
    """ "Use this": which regional paragraph, and where the caret was (set by script)."""

    use = forms.RegexField(regex=r"^\d{1,18}:\d{1,4}$")
    cursor = forms.IntegerField(required=False, min_value=0)

    def clean(self):
        data = super().clean()
        if "use" in data:
            revision_id, index = data["use"].split(":")
            data["revision_id"], data["index"] = int(revision_id), int(index)
        return data


def _workspace_url(item, filters: dict, **extra) -> str:
    url = reverse("statement_item", kwargs={"slug": item.report.slug, "item_pk": item.pk})
    query = {key: value for key, value in {**filters, **extra}.items() if value not in ("", None)}
    return f"{url}?{urlencode(query)}#national-editor" if query else f"{url}#national-editor"


def _filters(data) -> dict:
    form = WorkspaceFilterForm(data)
    return form.cleaned_data if form.is_valid() else {"position": "", "status": ""}


def _regions(filters: dict) -> dict:
    return {"stance": filters["position"], "status": filters["status"]}


@login_required
def statement_item(request: HttpRequest, slug: str, item_pk: int) -> HttpResponse:
    item = permissions.get_item_for_statement(request.user, slug, item_pk)
    filter_form = WorkspaceFilterForm(request.GET or None)
    filters = _filters(request.GET)
    workspace = merging.item_workspace(item.report, item, **_regions(filters))
    editor = NationalSectionForm(
        initial={
            "text": workspace.national_text,
            "stance": workspace.national_stance,
            "base_revision_id": workspace.base_revision_id,
            **filters,
        }
    )
    return render(
        request,
        "statement/item.html",
        {
            "report": item.report,
            "item": item,
            "workspace": workspace,
            "editor": editor,
            "filter_form": filter_form,
            "filters": filters,
            "icons": STANCE_ICONS,
            "caret": request.GET.get("caret", ""),
            "can_draft": permissions.can_draft_statement(request.user, item.report),
        },
    )


def _refused(request: HttpRequest) -> None:
    messages.error(
        request,
        "Someone else changed the same words of this section since you opened it. "
        "Their text is shown below; yours is kept in the section's history.",
    )


@login_required
@require_POST
def statement_item_save(request: HttpRequest, slug: str, item_pk: int) -> HttpResponse:
    item = permissions.get_item_for_statement_edit(request.user, slug, item_pk)
    form = NationalSectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The text could not be saved: please check the position.")
        return redirect(_workspace_url(item, _filters(request.POST)))
    revision = merging.save_national_section(
        report=item.report,
        item=item,
        text=form.cleaned_data["text"],
        stance=form.cleaned_data["stance"],
        base_revision_id=form.cleaned_data["base_revision_id"],
        actor=request.user,
    )
    if revision is None:
        _refused(request)
    else:
        messages.success(request, "Saved.")
    return redirect(_workspace_url(item, _filters(request.POST)))


@login_required
@require_POST
def statement_item_assemble(request: HttpRequest, slug: str, item_pk: int) -> HttpResponse:
    item = permissions.get_item_for_statement_edit(request.user, slug, item_pk)
    form = NationalSectionForm(request.POST)
    base = form.cleaned_data["base_revision_id"] if form.is_valid() else None
    filters = _filters(request.POST)
    revision = merging.assemble_starting_draft(
        report=item.report,
        item=item,
        base_revision_id=base,
        actor=request.user,
        **_regions(filters),
    )
    if revision is None:
        _refused(request)
    else:
        messages.success(
            request,
            "A starting draft was assembled from the regions and saved. "
            "Any earlier text stays in the section's history.",
        )
    return redirect(_workspace_url(item, filters))


@login_required
@require_POST
def statement_item_use(request: HttpRequest, slug: str, item_pk: int) -> HttpResponse:
    item = permissions.get_item_for_statement_edit(request.user, slug, item_pk)
    editor = NationalSectionForm(request.POST)
    use = UseParagraphForm(request.POST)
    filters = _filters(request.POST)
    if not (editor.is_valid() and use.is_valid()):
        messages.error(request, "That paragraph could not be used: please try again.")
        return redirect(_workspace_url(item, filters))
    try:
        point = merging.regional_paragraph(
            report=item.report,
            item=item,
            revision_id=use.cleaned_data["revision_id"],
            index=use.cleaned_data["index"],
        )
    except merging.UnknownParagraph:
        messages.error(request, "That paragraph is not one of this item's.")
        return redirect(_workspace_url(item, filters))
    revision, caret = merging.use_paragraph(
        report=item.report,
        item=item,
        point=point,
        text=editor.cleaned_data["text"] if "text" in request.POST else None,
        stance=editor.cleaned_data["stance"],
        cursor=use.cleaned_data["cursor"],
        base_revision_id=editor.cleaned_data["base_revision_id"],
        actor=request.user,
    )
    if revision is None:
        _refused(request)
        return redirect(_workspace_url(item, filters))
    messages.success(request, f"{point.forum.name}’s paragraph was added and saved.")
    return redirect(_workspace_url(item, filters, caret=caret))
