from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import permissions
from ..publishing import latest_publication
from ..reports import report_outline


@login_required
def report_detail(request: HttpRequest, slug: str) -> HttpResponse:
    report = permissions.get_report_for_view(request.user, slug)
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "outline": report_outline(report),
            "positions_forums": permissions.positions_forums(request.user),
            "can_follow_statement": permissions.can_follow_statement(request.user),
            "publication": latest_publication(report),
        },
    )
