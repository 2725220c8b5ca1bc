from django.contrib import admin
from django.urls import include, path

from responses.views import (
    comments,
    dashboard,
    importing,
    positions,
    reports,
    responses,
    sections,
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
    path("responses/<int:pk>/submit/", responses.response_submit, name="response_submit"),
    path("responses/<int:pk>/reopen/", responses.response_reopen, name="response_reopen"),
    path("responses/<int:pk>/presence/", responses.response_presence, name="response_presence"),
    path("sections/<int:pk>/save/", sections.section_save, name="section_save"),
    path("sections/<int:pk>/preview/", sections.section_preview, name="section_preview"),
    path("sections/<int:pk>/history/", sections.section_history, name="section_history"),
    path(
        "sections/<int:pk>/revisions/<int:revision_pk>/restore/",
        sections.revision_restore,
        name="revision_restore",
    ),
    path("sections/<int:pk>/comments/", comments.comment_add, name="comment_add"),
    path("comments/<int:pk>/resolve/", comments.comment_resolve, name="comment_resolve"),
    path("comments/<int:pk>/reopen/", comments.comment_reopen, name="comment_reopen"),
    path("responses/<int:pk>/pdf/", responses.response_pdf, name="response_pdf"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
