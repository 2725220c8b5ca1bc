from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import permissions
from ..drafting import (
    MAX_WORDS,
    before_submitting,
    drafting_page,
    reopen_response,
    start_response,
    submit_response,
)
from ..forms import PresenceForm
from ..models import Stance
from ..pdf.aside import RenderFailed
from ..pdf.cache import cached_response_pdf, pdf_filename
from ..presence import editors_by_section, record_presence
from ..refusals import ActionRefused
from ..rendering import prefetched
from ..word import CONTENT_TYPE as DOCX_CONTENT_TYPE
from ..word import docx_filename, render_response_docx


@login_required
def response_detail(request: HttpRequest, pk: int) -> HttpResponse:
    response = permissions.get_response_for_view(request.user, pk)
    page = drafting_page(response, viewer=request.user)
    can_edit = permissions.can_edit_response(request.user, response)
    with prefetched(page.texts(sections=not can_edit)):
        return render(
            request,
            "responses/response_detail.html",
            {
                "response": response,
                "page": page,
                "can_edit": can_edit,
                "can_bring_in": permissions.can_bring_in_response(request.user, response),
                "can_comment": permissions.can_comment(request.user, response),
                "can_submit": permissions.can_submit_response(request.user, response),
                "can_manage_people": permissions.can_manage_people(request.user, response.forum),
                "stances": Stance.choices,
                "max_words": MAX_WORDS,
            },
        )


@login_required
def response_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    response = permissions.get_response_for_view(request.user, pk)
    try:
        content = cached_response_pdf(response)
    except RenderFailed as failure:
        messages.error(
            request,
            f"The PDF could not be made ({failure}). Please try again in a few minutes; "
            "the Word file can be downloaded meanwhile.",
        )
        return redirect(response)
    pdf = HttpResponse(content, content_type="application/pdf")
    pdf["Content-Disposition"] = f'attachment; filename="{pdf_filename(response)}"'
    pdf["Cache-Control"] = "private, no-cache"
    return pdf


@login_required
def response_docx(request: HttpRequest, pk: int) -> HttpResponse:
    response = permissions.get_response_for_view(request.user, pk)
    docx = HttpResponse(render_response_docx(response), content_type=DOCX_CONTENT_TYPE)
    docx["Content-Disposition"] = f'attachment; filename="{docx_filename(response)}"'
    docx["Cache-Control"] = "private, no-cache"
    return docx


@login_required
@require_POST
def response_start(request: HttpRequest, slug: str, forum_slug: str) -> HttpResponse:
    report = permissions.get_report_for_view(request.user, slug)
    forum = permissions.get_forum_for_start(request.user, forum_slug)
    response = start_response(report=report, forum=forum, actor=request.user)
    return redirect(response)


@login_required
def response_submit(request: HttpRequest, pk: int) -> HttpResponse:
    response = permissions.get_response_for_submit(request.user, pk)
    if response.is_submitted:
        messages.info(request, "This response is already submitted.")
        return redirect(response)
    if request.method == "POST":
        try:
            submit_response(response=response, actor=request.user)
        except ActionRefused as refusal:
            messages.info(request, refusal.message)  # submitted meanwhile from elsewhere
        else:
            messages.success(request, "Submitted. Members can read it but no longer change it.")
        return redirect(response)
    return render(
        request,
        "responses/response_submit.html",
        {"response": response, "check": before_submitting(response)},
    )


@login_required
@require_POST
def response_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    response = permissions.get_response_for_submit(request.user, pk)
    try:
        reopen_response(response=response, actor=request.user)
    except ActionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, "Reopened: members can draft again.")
    return redirect(response)


@login_required
@require_POST
def response_presence(request: HttpRequest, pk: int) -> JsonResponse:
    """The page's heartbeat: note which section the user has open, and say who else
    has each section open."""
    response = permissions.get_response_for_view(request.user, pk)
    form = PresenceForm(request.POST)
    section_pk = form.cleaned_data["section"] if form.is_valid() else None
    if section_pk and permissions.can_edit_response(request.user, response):
        section = response.sections.filter(pk=section_pk).first()
        if section is not None:
            record_presence(section=section, actor=request.user)
    editors = editors_by_section(response, viewer=request.user)
    return JsonResponse({"editors": {str(pk): names for pk, names in editors.items()}})
