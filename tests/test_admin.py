"""The Django admin works for administrators and for nobody else."""

import pytest
from django.contrib import admin
from django.urls import reverse

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
