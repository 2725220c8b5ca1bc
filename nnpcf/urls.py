from django.contrib import admin
from django.urls import include, path

from responses.views import dashboard, importing, positions, reports, responses, statement

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
    path("responses/<int:pk>/pdf/", responses.response_pdf, name="response_pdf"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
