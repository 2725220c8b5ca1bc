from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import permissions
from ..drafting import start_response
from ..pdf.cache import cached_response_pdf, pdf_filename


@login_required
def response_detail(request: HttpRequest, pk: int) -> HttpResponse:
    response = permissions.get_response_for_view(request.user, pk)
    sections = response.sections.select_related("item", "latest_revision__author").order_by("order")
    return render(
        request,
        "responses/response_detail.html",
        {
            "response": response,
            "sections": sections,
            "can_edit": permissions.can_edit_response(request.user, response),
        },
    )


@login_required
def response_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    response = permissions.get_response_for_view(request.user, pk)
    pdf = HttpResponse(cached_response_pdf(response), content_type="application/pdf")
    pdf["Content-Disposition"] = f'attachment; filename="{pdf_filename(response)}"'
    pdf["Cache-Control"] = "private, no-cache"
    return pdf


@login_required
@require_POST
def response_start(request: HttpRequest, slug: str, forum_slug: str) -> HttpResponse:
    report = permissions.get_report_for_view(request.user, slug)
    forum = permissions.get_forum_for_start(request.user, forum_slug)
    response = start_response(report=report, forum=forum, actor=request.user)
    return redirect(response)
