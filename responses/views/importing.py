from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import permissions
from ..importing import outline as edits
from ..importing.forms import ItemChangeForm, ItemForm, ReportDetailsForm, StartImportForm
from ..importing.imports import (
    confirm_import,
    discard_import,
    edit_import,
    preview_for,
    start_import,
)
from ..importing.outline import Outline, OutlineError
from ..models import ReportImport


@login_required
def import_start(request: HttpRequest) -> HttpResponse:
    permissions.require_report_import(request.user)
    form = StartImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        report_import = start_import(
            actor=request.user,
            source_name=form.cleaned_data["source_name"],
            blocks=form.blocks,
        )
        return redirect("import_preview", pk=report_import.pk)
    unfinished = ReportImport.objects.filter(owner=request.user, report__isnull=True)
    return render(request, "importing/start.html", {"form": form, "unfinished": unfinished[:10]})


@login_required
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    report_import = permissions.get_report_import_for_edit(request.user, pk)
    if report_import.is_confirmed:
        return redirect(report_import.report)
    return _render_preview(request, report_import)


def _details_key(report_import) -> str:
    return f"import-details-{report_import.pk}"


def _keep_details(request, report_import) -> None:
    """The preview's item buttons post the report's details typed so far with them:
    kept in the session, so that the page comes back with them still filled in."""
    typed = {
        name: request.POST[name] for name in ReportDetailsForm.base_fields if name in request.POST
    }
    if typed:
        request.session[_details_key(report_import)] = typed


def _render_preview(request, report_import, details_form=None) -> HttpResponse:
    preview = preview_for(report_import)
    if details_form is None:
        initial = ReportDetailsForm.initial_for(preview.outline.title)
        initial.update(request.session.get(_details_key(report_import), {}))
        details_form = ReportDetailsForm(initial=initial)
    return render(
        request,
        "importing/preview.html",
        {"report_import": report_import, "preview": preview, "details_form": details_form},
    )


@login_required
def import_item(request: HttpRequest, pk: int, key: int) -> HttpResponse:
    report_import = permissions.get_report_import_for_edit(request.user, pk)
    try:
        item = Outline.from_json(report_import.outline).item(key)
    except OutlineError:
        messages.error(request, "That item is no longer in the import.")
        return redirect("import_preview", pk=pk)
    form = ItemForm(
        request.POST or None,
        initial={"number": item.number, "title": item.title, "kind": item.kind},
    )
    if request.method == "POST" and form.is_valid():
        try:
            edit_import(
                actor=request.user,
                report_import=report_import,
                edit=lambda outline: edits.rename_item(outline, key, **form.cleaned_data),
            )
        except OutlineError as error:
            messages.error(request, str(error))
        return redirect(_item_anchor(pk, key))
    return render(
        request,
        "importing/item.html",
        {"report_import": report_import, "item": item, "form": form},
    )


@login_required
@require_POST
def import_item_change(request: HttpRequest, pk: int, key: int) -> HttpResponse:
    """Merge, split, drop or put back one item of the preview, or open its own page
    ("edit"): the report's details typed on the preview are kept either way."""
    report_import = permissions.get_report_import_for_edit(request.user, pk)
    _keep_details(request, report_import)
    form = ItemChangeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That change was not understood; nothing was changed.")
        return redirect("import_preview", pk=pk)
    action, paragraph = form.cleaned_data["action"], form.cleaned_data["paragraph"]
    if action == "edit":
        return redirect("import_item", pk=pk, key=key)
    changes = {
        "merge": lambda outline: edits.merge_with_previous(outline, key),
        "split": lambda outline: edits.split_item(outline, key, paragraph=paragraph),
        "drop": lambda outline: edits.drop_item(outline, key),
        "restore": lambda outline: edits.restore_item(outline, key),
    }
    try:
        changed = edit_import(actor=request.user, report_import=report_import, edit=changes[action])
    except OutlineError as error:
        messages.error(request, str(error))
        return redirect("import_preview", pk=pk)
    # Back to the item that now holds the text: the merged-into or the new one.
    return redirect(_item_anchor(pk, changed.key if changed is not None else key))


@login_required
@require_POST
def import_whole(request: HttpRequest, pk: int) -> HttpResponse:
    """No items were found: keep the whole text as one item."""
    report_import = permissions.get_report_import_for_edit(request.user, pk)
    try:
        edit_import(actor=request.user, report_import=report_import, edit=edits.keep_whole_text)
    except OutlineError as error:
        messages.error(request, str(error))
    return redirect("import_preview", pk=pk)


@login_required
@require_POST
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    report_import = permissions.get_report_import_for_edit(request.user, pk)
    form = ReportDetailsForm(request.POST)
    if not form.is_valid():
        return _render_preview(request, report_import, form)
    try:
        report = confirm_import(
            actor=request.user, report_import=report_import, details=form.cleaned_data
        )
    except OutlineError as error:
        messages.error(request, str(error))
        return _render_preview(request, report_import, form)
    request.session.pop(_details_key(report_import), None)
    messages.success(request, f"The report “{report.title}” has been created.")
    return redirect(report)


@login_required
@require_POST
def import_discard(request: HttpRequest, pk: int) -> HttpResponse:
    report_import = permissions.get_report_import_for_edit(request.user, pk)
    discard_import(actor=request.user, report_import=report_import)
    messages.success(request, "The import has been discarded; nothing was saved.")
    return redirect("import_start")


def _item_anchor(pk: int, key: int) -> str:
    return reverse("import_preview", kwargs={"pk": pk}) + f"#item-{key}"
