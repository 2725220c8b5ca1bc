"""The national statement's own pages: its overview, approving its sections, asking the
steering group for approvals, and publishing it. Drafting it is in `workspace.py`,
its public pages in `public.py`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import permissions
from ..approval import (
    NotApproving,
    StaleApproval,
    approval_anchor,
    approve_section,
    request_approval,
    statement_approval,
    withdraw_approval,
)
from ..forums import national_forum
from ..publishing import NotPublished, publish_statement
from ..rendering import prefetched
from ..workspace import statement_of


@login_required
def statement_overview(request: HttpRequest, slug: str) -> HttpResponse:
    report = permissions.get_report_for_statement(request.user, slug)
    statement = statement_of(report)
    national = national_forum()
    state = statement_approval(statement, viewer=request.user) if statement else None
    with prefetched(state.texts if state else []):
        return render(
            request,
            "statement/overview.html",
            {
                "report": report,
                "statement": statement,
                "national": national,
                "can_start_statement": permissions.can_start_response(request.user, national),
                "state": state,
                "can_approve": permissions.can_approve(request.user),
                "can_publish": permissions.can_publish(request.user),
                "publications": statement.publications.order_by("-version") if statement else [],
            },
        )


def _back_to_overview(section) -> HttpResponse:
    """To the section just approved (or not), where its new state shows."""
    url = reverse("statement_overview", kwargs={"slug": section.response.report.slug})
    return redirect(f"{url}#{approval_anchor(section)}")


@login_required
@require_POST
def section_approve(request: HttpRequest, pk: int) -> HttpResponse:
    section = permissions.get_statement_section_for_approval(request.user, pk)
    try:
        revision_id = int(request.POST.get("revision", ""))
    except ValueError:
        revision_id = None
    try:
        approve_section(section=section, revision_id=revision_id, actor=request.user)
    except StaleApproval as stale:
        if request.htmx:
            return HttpResponse(stale.message, status=409)
        messages.error(request, stale.message, extra_tags=approval_anchor(section))
        return _back_to_overview(section)
    messages.success(
        request, f"You approved “{section.heading}”.", extra_tags=approval_anchor(section)
    )
    return _back_to_overview(section)


@login_required
@require_POST
def section_withdraw_approval(request: HttpRequest, pk: int) -> HttpResponse:
    section = permissions.get_statement_section_for_approval(request.user, pk)
    try:
        withdraw_approval(section=section, actor=request.user)
    except NotApproving:
        messages.error(
            request,
            "You have no approval of the current text to withdraw.",
            extra_tags=approval_anchor(section),
        )
    else:
        messages.success(
            request,
            f"You withdrew your approval of “{section.heading}”.",
            extra_tags=approval_anchor(section),
        )
    return _back_to_overview(section)


@login_required
@require_POST
def statement_request_approval(request: HttpRequest, slug: str) -> HttpResponse:
    report = permissions.get_report_for_statement(request.user, slug)
    statement = statement_of(report)
    if statement is None:
        messages.error(request, "Start the statement before asking for approvals.")
    else:
        request_approval(statement=statement, actor=request.user)
        messages.success(request, "We have emailed the steering group to ask for approvals.")
    return redirect("statement_overview", slug=slug)


@login_required
@require_POST
def statement_publish(request: HttpRequest, slug: str) -> HttpResponse:
    report = permissions.get_report_for_publishing(request.user, slug)
    statement = statement_of(report)
    if statement is None:
        messages.error(request, "There is no statement to publish yet.")
        return redirect("statement_overview", slug=slug)
    try:
        publication = publish_statement(statement=statement, actor=request.user)
    except NotPublished as problem:
        messages.error(request, str(problem))
        return redirect("statement_overview", slug=slug)
    messages.success(request, f"Published: {publication.version_label}.")
    return redirect(publication)
