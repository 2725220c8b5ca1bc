from django.contrib import admin
from django.urls import include, path

from responses.views import approval, audit, dashboard, public, reports, responses

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("reports/<slug:slug>/", reports.report_detail, name="report_detail"),
    path(
        "reports/<slug:slug>/forums/<slug:forum_slug>/start/",
        responses.response_start,
        name="response_start",
    ),
    path("responses/<int:pk>/", responses.response_detail, name="response_detail"),
    path("reports/<slug:slug>/statement/", approval.statement_overview, name="statement_overview"),
    path(
        "reports/<slug:slug>/statement/request-approval/",
        approval.statement_request_approval,
        name="statement_request_approval",
    ),
    path(
        "reports/<slug:slug>/statement/publish/",
        approval.statement_publish,
        name="statement_publish",
    ),
    path("sections/<int:pk>/approve/", approval.section_approve, name="section_approve"),
    path(
        "sections/<int:pk>/withdraw-approval/",
        approval.section_withdraw_approval,
        name="section_withdraw_approval",
    ),
    path("statements/<slug:slug>/", public.statement_latest, name="statement_latest"),
    path(
        "statements/<slug:slug>/v<int:version>/",
        public.statement_version,
        name="statement_version",
    ),
    path("statements/<slug:slug>/v<int:version>/pdf/", public.statement_pdf, name="statement_pdf"),
    path("audit/", audit.audit_log_page, name="audit_log"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
