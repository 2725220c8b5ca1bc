"""Django admin for administrators: reports, forums and people."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import models

from . import forums, reports
from .models import (
    Approval,
    AuditEvent,
    Comment,
    Forum,
    Item,
    Membership,
    Part,
    Provenance,
    Publication,
    PublishedSection,
    Reminder,
    Report,
    ReportImport,
    Response,
    Revision,
    Section,
    SectionPresence,
)


class PartInline(admin.TabularInline):
    model = Part
    extra = 0


class ItemInline(admin.StackedInline):
    model = Item
    extra = 0
    fields = [("order", "kind", "number"), "part", "title", "text"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "response_deadline", "approval_quorum"]
    search_fields = ["title", "publisher"]
    list_filter = ["publisher"]
    date_hierarchy = "response_deadline"
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PartInline, ItemInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        reports.save_report_settings(actor=request.user, report=obj)


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "report", "order", "kind"]
    list_filter = ["report", "kind"]
    search_fields = ["title", "text", "number"]
    list_select_related = ["report"]


class MembershipAuditMixin:
    """Permission changes made here go on the record like any other."""

    def _record(self, request, membership, created, previous):
        forums.record_membership_saved(
            actor=request.user, membership=membership, created=created, previous=previous
        )


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Forum)
class ForumAdmin(MembershipAuditMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        previous = {
            m.pk: Membership.objects.filter(pk=m.pk).values_list("role", flat=True).first()
            for m in formset.queryset
        }
        instances = formset.save(commit=False)
        for membership in formset.deleted_objects:
            forums.revoke_membership(actor=request.user, membership=membership)
        for membership in instances:
            created = membership.pk is None
            membership.save()
            self._record(request, membership, created, previous.get(membership.pk))
        formset.save_m2m()


@admin.register(Membership)
class MembershipAdmin(MembershipAuditMixin, admin.ModelAdmin):
    list_display = ["user", "forum", "role"]
    list_filter = ["role", "forum"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "forum__name"]
    autocomplete_fields = ["user", "forum"]
    list_select_related = ["user", "forum"]

    def save_model(self, request, obj, form, change):
        previous = form.initial.get("role") if change else None
        super().save_model(request, obj, form, change)
        self._record(request, obj, not change, previous)

    def delete_model(self, request, obj):
        forums.revoke_membership(actor=request.user, membership=obj)

    def delete_queryset(self, request, queryset):
        for membership in queryset:
            forums.revoke_membership(actor=request.user, membership=membership)


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class PersonAdmin(UserAdmin):
    """Django's user admin, with administrator status given or taken on the record."""

    def save_model(self, request, obj, form, change):
        previous = {flag: form.initial.get(flag, False) for flag in forums.ADMINISTRATOR_FLAGS}
        super().save_model(request, obj, form, change)
        forums.record_administrator_saved(actor=request.user, user=obj, previous=previous)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that only the product writes: visible here, never edited by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Response)
class ResponseAdmin(ReadOnlyAdmin):
    list_display = ["forum", "report", "status", "submitted_at"]
    list_filter = ["status", "report", "forum"]
    search_fields = ["forum__name", "report__title"]
    list_select_related = ["forum", "report"]


@admin.register(Section)
class SectionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "response", "order", "version"]
    list_filter = ["kind", "response__report"]
    list_select_related = ["item", "response__forum", "response__report"]


@admin.register(Revision)
class RevisionAdmin(ReadOnlyAdmin):
    list_display = ["pk", "section", "author", "stance", "created_at"]
    list_filter = ["stance"]
    search_fields = ["text", "author__username"]
    list_select_related = ["section__item", "section__response__forum", "author"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor", "verb", "target_label"]
    list_filter = ["verb", "report"]
    search_fields = ["target_label", "actor__username", "verb"]
    list_select_related = ["actor"]


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ["pk", "section", "author", "created_at", "resolved_at"]
    search_fields = ["body", "author__username"]
    list_select_related = ["section__item", "author"]


@admin.register(SectionPresence)
class SectionPresenceAdmin(ReadOnlyAdmin):
    list_display = ["user", "section", "last_seen"]
    list_select_related = ["user", "section__item"]


@admin.register(Provenance)
class ProvenanceAdmin(ReadOnlyAdmin):
    list_display = ["pk", "revision", "source_revision", "source_paragraph"]
    list_select_related = ["revision__section__item", "source_revision__section__item"]


@admin.register(Approval)
class ApprovalAdmin(ReadOnlyAdmin):
    list_display = ["revision", "approver", "created_at", "withdrawn_at"]
    list_filter = ["revision__section__response__report"]
    search_fields = ["approver__username", "approver__first_name", "approver__last_name"]
    list_select_related = ["approver", "revision__section__item"]


class PublishedSectionInline(admin.TabularInline):
    model = PublishedSection
    fields = ["section", "revision"]
    readonly_fields = fields
    can_delete = False
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "published_at", "published_by", "pdf_sha256"]
    list_select_related = ["response__report", "published_by"]
    inlines = [PublishedSectionInline]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["report", "forum", "days_before", "sent_at"]
    list_select_related = ["report", "forum"]


@admin.register(ReportImport)
class ReportImportAdmin(ReadOnlyAdmin):
    """Imports in progress; an administrator may delete abandoned ones."""

    list_display = ["__str__", "created_at"]

    def has_delete_permission(self, request, obj=None):
        return True
