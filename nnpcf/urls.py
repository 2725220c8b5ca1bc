from django.contrib import admin
from django.urls import include, path

from responses.views import (
    approval,
    audit,
    dashboard,
    importing,
    positions,
    public,
    reports,
    responses,
    statement,
)

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("reports/<slug:slug>/", reports.report_detail, name="report_detail"),
    path("imports/new/", importing.import_start, name="import_start"),
    path("imports/<int:pk>/", importing.import_preview, name="import_preview"),
    path("imports/<int:pk>/items/<int:key>/", importing.import_item, name="import_item"),
    path(
        "imports/<int:pk>/items/<int:key>/change/",
        importing.import_item_change,
        name="import_item_change",
    ),
    path("imports/<int:pk>/whole/", importing.import_whole, name="import_whole"),
    path("imports/<int:pk>/confirm/", importing.import_confirm, name="import_confirm"),
    path("imports/<int:pk>/discard/", importing.import_discard, name="import_discard"),
    path(
        "reports/<slug:slug>/forums/<slug:forum_slug>/start/",
        responses.response_start,
        name="response_start",
    ),
    path("reports/<slug:slug>/positions/", positions.positions_page, name="positions_matrix"),
    path("reports/<slug:slug>/positions.csv", positions.positions_csv, name="positions_csv"),
    path(
        "reports/<slug:slug>/statement/items/<int:item_pk>/",
        statement.statement_item,
        name="statement_item",
    ),
    path(
        "reports/<slug:slug>/statement/items/<int:item_pk>/save/",
        statement.statement_item_save,
        name="statement_item_save",
    ),
    path(
        "reports/<slug:slug>/statement/items/<int:item_pk>/assemble/",
        statement.statement_item_assemble,
        name="statement_item_assemble",
    ),
    path(
        "reports/<slug:slug>/statement/items/<int:item_pk>/use/",
        statement.statement_item_use,
        name="statement_item_use",
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
    path("responses/<int:pk>/pdf/", responses.response_pdf, name="response_pdf"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
