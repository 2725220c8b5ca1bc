from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import permissions
from ..dashboard import dashboard_for
from ..models import Membership


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    memberships = list(
        Membership.objects.filter(user=request.user).select_related("forum").order_by("forum__name")
    )
    return render(
        request,
        "dashboard/dashboard.html",
        {
            "cards": dashboard_for(request.user),
            "memberships": memberships,
            # Someone in no forum, who does not follow the whole network, sees why.
            "waiting_for_a_forum": not (memberships or permissions.sees_every_forum(request.user)),
            "can_follow_statement": permissions.can_follow_statement(request.user),
            "can_import_report": permissions.can_import_report(request.user),
            "people_forums": permissions.forums_whose_people_they_run(request.user),
        },
    )
