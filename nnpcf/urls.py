from django.contrib import admin
from django.urls import include, path

from responses.api import api
from responses.views import (
    account,
    audit,
    comments,
    dashboard,
    health,
    importing,
    passwords,
    people,
    positions,
    public,
    reports,
    responses,
    search,
    sections,
    statement,
    word_import,
    workspace,
)

handler400 = "responses.views.errors.bad_request"

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
    path(
        "reports/<slug:slug>/forums/<slug:forum_slug>/positions/",
        positions.positions_page,
        name="positions_matrix",
    ),
    path(
        "reports/<slug:slug>/forums/<slug:forum_slug>/positions.csv",
        positions.positions_csv,
        name="positions_csv",
    ),
    path(
        "reports/<slug:slug>/forums/<slug:forum_slug>/items/<int:item_pk>/",
        workspace.workspace_item,
        name="workspace_item",
    ),
    path(
        "reports/<slug:slug>/forums/<slug:forum_slug>/items/<int:item_pk>/start/",
        workspace.workspace_item_start,
        name="workspace_item_start",
    ),
    path(
        "reports/<slug:slug>/forums/<slug:forum_slug>/items/<int:item_pk>/assemble/",
        workspace.workspace_item_assemble,
        name="workspace_item_assemble",
    ),
    path(
        "reports/<slug:slug>/forums/<slug:forum_slug>/items/<int:item_pk>/use/",
        workspace.workspace_item_use,
        name="workspace_item_use",
    ),
    path("responses/<int:pk>/", responses.response_detail, name="response_detail"),
    path("reports/<slug:slug>/statement/", statement.statement_overview, name="statement_overview"),
    path(
        "reports/<slug:slug>/statement/request-approval/",
        statement.statement_request_approval,
        name="statement_request_approval",
    ),
    path(
        "reports/<slug:slug>/statement/publish/",
        statement.statement_publish,
        name="statement_publish",
    ),
    path("sections/<int:pk>/approve/", statement.section_approve, name="section_approve"),
    path(
        "sections/<int:pk>/withdraw-approval/",
        statement.section_withdraw_approval,
        name="section_withdraw_approval",
    ),
    path("search/", search.search_page, name="search"),
    path("statements/", public.statement_index, name="statement_index"),
    path("statements/<slug:slug>/", public.statement_latest, name="statement_latest"),
    path(
        "statements/<slug:slug>/v<int:version>/",
        public.statement_version,
        name="statement_version",
    ),
    path("statements/<slug:slug>/v<int:version>/pdf/", public.statement_pdf, name="statement_pdf"),
    path(
        "statements/<slug:slug>/v<int:version>/word/", public.statement_docx, name="statement_docx"
    ),
    path("audit/", audit.audit_log_page, name="audit_log"),
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
    path("responses/<int:pk>/word/", responses.response_docx, name="response_docx"),
    path("responses/<int:pk>/bring-in/", word_import.bring_in_start, name="response_bring_in"),
    path(
        "responses/<int:pk>/bring-in/preview/",
        word_import.bring_in_preview,
        name="response_bring_in_preview",
    ),
    path(
        "responses/<int:pk>/bring-in/confirm/",
        word_import.bring_in_confirm,
        name="response_bring_in_confirm",
    ),
    path(
        "sections/<int:pk>/clashes/<int:revision_pk>/",
        sections.section_clash,
        name="section_clash",
    ),
    path("forums/<slug:forum_slug>/people/", people.forum_people, name="forum_people"),
    path("forums/<slug:forum_slug>/people/invite/", people.forum_invite, name="forum_invite"),
    path("invitations/<int:pk>/resend/", people.invitation_resend, name="invitation_resend"),
    path("invitations/<int:pk>/cancel/", people.invitation_cancel, name="invitation_cancel"),
    path("invitations/accept/<str:token>/", people.invitation_accept, name="invitation_accept"),
    path("memberships/<int:pk>/role/", people.membership_role, name="membership_role"),
    path("memberships/<int:pk>/remove/", people.membership_remove, name="membership_remove"),
    # Before Django's own, which it replaces: queued and rate-limited.
    path("accounts/password_reset/", passwords.password_reset, name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("account/", account.account, name="account"),
    path("account/tokens/<int:pk>/revoke/", account.api_token_revoke, name="api_token_revoke"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("health/", health.health, name="health"),
]
