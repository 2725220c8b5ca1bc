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
