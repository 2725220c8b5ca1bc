from django.contrib import admin
from django.urls import include, path

from responses.views import comments, dashboard, reports, responses, sections

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("reports/<slug:slug>/", reports.report_detail, name="report_detail"),
    path(
        "reports/<slug:slug>/forums/<slug:forum_slug>/start/",
        responses.response_start,
        name="response_start",
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
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
