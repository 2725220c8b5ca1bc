from django.contrib import admin
from django.urls import include, path

from responses.views import dashboard, reports, responses

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("reports/<slug:slug>/", reports.report_detail, name="report_detail"),
    path(
        "reports/<slug:slug>/forums/<slug:forum_slug>/start/",
        responses.response_start,
        name="response_start",
    ),
    path("responses/<int:pk>/", responses.response_detail, name="response_detail"),
    path("responses/<int:pk>/pdf/", responses.response_pdf, name="response_pdf"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
