from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import permissions
from ..audit_log import audit_log, kind_choices


class AuditFilterForm(forms.Form):
    report = forms.IntegerField(required=False)
    person = forms.IntegerField(required=False)
    kind = forms.ChoiceField(required=False, choices=[("", "Every kind"), *kind_choices()])
    page = forms.IntegerField(required=False, min_value=1)


@login_required
def audit_log_page(request: HttpRequest) -> HttpResponse:
    if not permissions.can_view_audit_log(request.user):
        raise PermissionDenied("Only steering group members and administrators see the record.")
    form = AuditFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    log = audit_log(
        report_id=filters.get("report"),
        actor_id=filters.get("person"),
        kind=filters.get("kind"),
        page_number=filters.get("page") or 1,
    )
    return render(request, "audit/log.html", {"log": log, "filters": filters})
