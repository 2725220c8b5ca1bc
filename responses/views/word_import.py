"""Bringing in a response drafted in Word: upload or paste, check the preview, confirm."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import permissions
from ..importing.reading import UnreadableDocument
from ..models import Stance
from ..refusals import ActionRefused
from ..word_import import preview
from ..word_import.forms import BringInForm, PreviewChoicesForm
from ..word_import.preview import PlanError
from ..word_import.saving import bring_in_response


@login_required
def bring_in_start(request: HttpRequest, pk: int) -> HttpResponse:
    response = permissions.get_response_for_bringing_in(request.user, pk)
    posted = request.method == "POST"
    form = BringInForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            plan = preview.make_plan(
                response=response, blocks=form.blocks, source=form.cleaned_data["source_name"]
            )
        except UnreadableDocument as error:
            form.add_error("document" if request.FILES else "text", str(error))
        else:
            preview.keep_plan(request.session, plan)
            return redirect("response_bring_in_preview", pk=response.pk)
    return render(
        request,
        "word_import/start.html",
        {
            "response": response,
            "form": form,
            "unfinished": preview.kept_plan(request.session, response),
        },
        status=422 if form.errors else 200,
    )


def _with_plan(view):
    """The view gets the response, fetched through permissions, and the plan waiting in
    the user's session; with none waiting, the user goes back to choose a document."""

    @wraps(view)
    def with_plan(request: HttpRequest, pk: int) -> HttpResponse:
        response = permissions.get_response_for_bringing_in(request.user, pk)
        plan = preview.kept_plan(request.session, response)
        if plan is None:
            messages.info(request, "There is no document waiting to be brought in: choose one.")
            return redirect("response_bring_in", pk=response.pk)
        return view(request, response, plan)

    return with_plan


@login_required
@_with_plan
def bring_in_preview(request: HttpRequest, response, plan) -> HttpResponse:
    if request.method == "POST":
        if "discard" in request.POST:
            preview.forget_plan(request.session, response)
            messages.success(request, "The document has been set aside: nothing was saved.")
            return redirect(response)
        piece = _apply_choices(request, plan)
        anchor = f"#piece-{piece}" if piece else ""
        return redirect(reverse("response_bring_in_preview", args=[response.pk]) + anchor)
    return render(
        request,
        "word_import/preview.html",
        {"page": preview.preview_page(response, plan), "stances": Stance.choices},
    )


def _apply_choices(request: HttpRequest, plan) -> int | None:
    """Apply the preview's choices and keep the plan; the piece a button named."""
    form = PreviewChoicesForm(request.POST, plan=plan)
    if not form.is_valid():
        messages.error(request, "That change was not understood; nothing was changed.")
        return None
    try:
        piece = form.apply()
    except PlanError as error:
        messages.error(request, str(error))
        return None
    preview.keep_plan(request.session, plan)
    return piece


@login_required
@require_POST
@_with_plan
def bring_in_confirm(request: HttpRequest, response, plan) -> HttpResponse:
    _apply_choices(request, plan)
    try:
        result = bring_in_response(response=response, plan=plan, actor=request.user)
    except (PlanError, ActionRefused) as refusal:
        messages.error(request, f"Nothing was saved. {getattr(refusal, 'message', refusal)}")
        return redirect("response_bring_in_preview", pk=response.pk)
    preview.forget_plan(request.session, response)
    return render(request, "word_import/done.html", {"response": response, "result": result})
