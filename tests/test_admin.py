"""The Django admin works for administrators and for nobody else."""

import pytest
from django.contrib import admin
from django.urls import reverse

from responses.models import AuditEvent

from . import factories

MODELS = list(admin.site._registry)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.model_name)
def test_administrator_opens_every_admin_list(client, admin_user, regional_response, model):
    client.force_login(admin_user)
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert client.get(url).status_code == 200
    assert client.get(url, {"q": "London"}).status_code == 200


def test_report_admin_shows_items_inline(client, admin_user, report):
    client.force_login(admin_user)
    page = client.get(reverse("admin:responses_report_change", args=[report.pk]))
    assert "Recommendation title 2" in page.content.decode()


@pytest.mark.parametrize("role", ["member", "lead", "steering", "outsider"])
def test_non_administrators_are_sent_to_the_admin_login(client, request, role):
    client.force_login(request.getfixturevalue(role))
    result = client.get(reverse("admin:index"))
    assert result.status_code == 302
    assert "/admin/login/" in result.url


def _change_user(client, admin_user, person, **changes):
    """Post the user admin's change form as an administrator would: the person's
    details as they are, with `changes`; a flag left out is unticked."""
    client.force_login(admin_user)
    data = {
        "username": person.username,
        "email": person.email,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        **changes,
    }
    result = client.post(reverse("admin:auth_user_change", args=[person.pk]), data)
    assert result.status_code == 302
    person.refresh_from_db()


def test_giving_administrator_status_in_the_user_admin_is_on_the_record(client, admin_user, member):
    _change_user(client, admin_user, member, is_staff="on")
    assert member.is_staff
    event = AuditEvent.objects.get()
    assert (event.verb, event.actor, event.target_id) == (
        "user.administrator_granted",
        admin_user,
        str(member.pk),
    )
    assert event.data == {"user": "member", "status": "administrator (staff status)"}


def test_taking_administrator_status_away_is_on_the_record(client, admin_user):
    colleague = factories.make_user("colleague", staff=True)
    _change_user(client, admin_user, colleague)
    assert not colleague.is_staff and not colleague.is_superuser
    verbs = set(AuditEvent.objects.values_list("verb", "data__status"))
    assert verbs == {
        ("user.administrator_revoked", "administrator (staff status)"),
        ("user.administrator_revoked", "every permission (superuser status)"),
    }


def test_other_changes_in_the_user_admin_write_nothing(client, admin_user, member):
    _change_user(client, admin_user, member, first_name="Morgan")
    assert member.first_name == "Morgan"
    assert not AuditEvent.objects.exists()


def _form_fields(html: str) -> dict[str, str]:
    """The fields of the admin's change form as the page fills them in."""
    from html.parser import HTMLParser

    fields: dict[str, str] = {}

    class Form(HTMLParser):
        textarea = None

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            name = attrs.get("name")
            if tag == "input" and name and attrs.get("type") not in ("submit", "checkbox"):
                fields[name] = attrs.get("value") or ""
            elif tag == "input" and name and "checked" in attrs:
                fields[name] = "on"
            elif tag == "textarea" and name:
                self.textarea = name
                fields[name] = ""
            elif tag == "select" and name:
                self.select = name
                fields.setdefault(name, "")
            elif tag == "option" and "selected" in attrs:
                fields[self.select] = attrs.get("value") or ""

        def handle_data(self, data):
            if self.textarea:
                fields[self.textarea] += data

        def handle_endtag(self, tag):
            if tag == "textarea":
                self.textarea = None

    Form().feed(html)
    return {name: value for name, value in fields.items() if "__prefix__" not in name}


def test_changing_a_reports_settings_in_the_admin_is_on_the_record(client, admin_user, report):
    client.force_login(admin_user)
    url = reverse("admin:responses_report_change", args=[report.pk])
    fields = _form_fields(client.get(url).content.decode())
    fields["approval_quorum"] = "3"
    assert client.post(url, fields).status_code == 302
    report.refresh_from_db()
    assert report.approval_quorum == 3
    event = AuditEvent.objects.get(verb="report.settings_changed")
    assert (event.actor, event.report) == (admin_user, report)
    assert event.data == {"approval_quorum": "from 2 to 3"}

    # Saving again with nothing changed writes nothing more.
    assert client.post(url, _form_fields(client.get(url).content.decode())).status_code == 302
    assert AuditEvent.objects.filter(verb="report.settings_changed").count() == 1


def test_adding_a_report_in_the_admin_is_on_the_record(client, admin_user):
    from responses.models import Report

    client.force_login(admin_user)
    url = reverse("admin:responses_report_add")
    fields = _form_fields(client.get(url).content.decode())
    fields.update(title="Added by hand", slug="added-by-hand", response_deadline="2030-01-31")
    assert client.post(url, fields).status_code == 302
    report = Report.objects.get(slug="added-by-hand")
    event = AuditEvent.objects.get(verb="report.created")
    assert (event.actor, event.report) == (admin_user, report)
